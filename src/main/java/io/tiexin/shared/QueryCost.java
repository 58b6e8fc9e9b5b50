package io.tiexin.shared;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.execution.ExecutionContext;
import graphql.language.Argument;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * What answering one GraphQL operation costs, in points, before anything runs: one point
 * is about one value in the answer (the review's ping-pong query answered 100,000 objects
 * in 0.84 s: some 8 µs each), the way GitHub's node limit counts.
 * <ul>
 * <li>a field costs its weight ({@link QueryCostModel#weight}: 1, or its measured time in
 * points for the fields that compute: statistics, hot spots, clusters, map
 * layers...);</li>
 * <li>a field with a selection adds what is selected below it, times the number of
 * objects it is expected to return: its {@code first} argument, else the documented
 * estimate of {@link QueryCostModel#listSize} (the real fan-out of the county: children
 * of a township, grid members of a village...);</li>
 * <li>fragments, named or inline, nested or not, count as the fields they expand to, and
 * fields merged under one response key count once, as graphql-java executes them (a named
 * fragment spread twice in one selection is collected once, as the specification's
 * CollectFields does).</li>
 * </ul>
 * The walk stops as soon as the total passes the budget, so measuring a fragment bomb
 * costs at most the budget's number of steps.
 */
public final class QueryCost {

	private final GraphQLSchema schema;

	private final Map<String, FragmentDefinition> fragments;

	private final Map<String, Object> variables;

	private final long budget;

	/**
	 * The weights of batched fields ({@link QueryCostModel#batched}), counted once per
	 * place in the document however many objects they are asked of.
	 */
	private long batched;

	private QueryCost(ExecutionContext context, long budget) {
		this.schema = context.getGraphQLSchema();
		this.fragments = context.getFragmentsByName();
		this.variables = context.getCoercedVariables().toMap();
		this.budget = budget;
	}

	/**
	 * The operation's cost, or the first total found above the budget (the walk stops
	 * there).
	 */
	public static long of(ExecutionContext context, long budget) {
		QueryCost cost = new QueryCost(context, budget);
		GraphQLCompositeType root = switch (context.getOperationDefinition().getOperation()) {
			case MUTATION -> cost.schema.getMutationType();
			case SUBSCRIPTION -> cost.schema.getSubscriptionType();
			default -> cost.schema.getQueryType();
		};
		long walked = cost.selections(List.of(new Scoped(context.getOperationDefinition().getSelectionSet(), root)),
				null);
		return add(walked, cost.batched);
	}

	/**
	 * The cost of the merged selection sets, each read against its own type.
	 * @param level the area level the objects of this selection are at, 0 (county) to 3
	 * (grid cell), when the document says it; null when it does not
	 */
	private long selections(List<Scoped> sets, Integer level) {
		Map<String, List<FieldRef>> fields = new LinkedHashMap<>();
		Set<String> visited = new HashSet<>();
		for (Scoped set : sets) {
			collect(set.selections(), set.type(), fields, visited);
		}
		long total = 0;
		for (List<FieldRef> merged : fields.values()) {
			total = add(total, field(merged, level));
			if (add(total, this.batched) > this.budget) {
				return total;
			}
		}
		return total;
	}

	private void collect(SelectionSet set, GraphQLCompositeType type, Map<String, List<FieldRef>> fields,
			Set<String> visited) {
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof Field field) {
				fields.computeIfAbsent(field.getResultKey(), key -> new ArrayList<>()).add(new FieldRef(field, type));
			}
			else if (selection instanceof InlineFragment inline) {
				collect(inline.getSelectionSet(), narrowed(inline.getTypeCondition(), type), fields, visited);
			}
			else if (selection instanceof FragmentSpread spread && visited.add(spread.getName())) {
				FragmentDefinition fragment = this.fragments.get(spread.getName());
				if (fragment != null) {
					collect(fragment.getSelectionSet(), narrowed(fragment.getTypeCondition(), type), fields, visited);
				}
			}
		}
	}

	private GraphQLCompositeType narrowed(graphql.language.TypeName condition, GraphQLCompositeType type) {
		if (condition != null && this.schema.getType(condition.getName()) instanceof GraphQLCompositeType narrowed) {
			return narrowed;
		}
		return type;
	}

	private long field(List<FieldRef> merged, Integer level) {
		FieldRef first = merged.get(0);
		GraphQLFieldDefinition definition = (first.owner() instanceof GraphQLFieldsContainer container)
				? container.getFieldDefinition(first.field().getName()) : null;
		if (definition == null) {
			// __typename, or introspection (disabled in production)
			return 1;
		}
		String owner = ((GraphQLNamedType) first.owner()).getName();
		Args args = new Args(first.field(), definition);
		long weight = QueryCostModel.weight(owner, definition.getName(), args, level);
		if (weight == 0) {
			weight = sdlWeight(definition);
		}
		if (QueryCostModel.batched(owner, definition.getName())) {
			// one statement for all the objects of the list it is asked of: its work is
			// that of the widest area asked, counted once here
			this.batched = add(this.batched, weight);
			weight = 1;
		}
		List<Scoped> below = new ArrayList<>();
		GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(definition.getType());
		for (FieldRef ref : merged) {
			if (ref.field().getSelectionSet() != null && unwrapped instanceof GraphQLCompositeType composite) {
				below.add(new Scoped(ref.field().getSelectionSet(), composite));
			}
		}
		if (below.isEmpty()) {
			return weight;
		}
		Integer levelBelow = QueryCostModel.levelBelow(owner, definition.getName(), args, level);
		long each = selections(below, levelBelow);
		long count = Math.max(1, QueryCostModel.listSize(owner, definition.getName(), args, level,
				GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()))));
		return add(weight, multiply(count, each));
	}

	private static long sdlWeight(GraphQLFieldDefinition definition) {
		GraphQLAppliedDirective cost = definition.getAppliedDirective("cost");
		return (cost != null) ? cost.getArgument("weight").<Integer>getValue() : 1;
	}

	private static long add(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	private static long multiply(long a, long b) {
		return (b != 0 && a > Long.MAX_VALUE / b) ? Long.MAX_VALUE : a * b;
	}

	private record Scoped(SelectionSet selections, GraphQLCompositeType type) {
	}

	private record FieldRef(Field field, GraphQLCompositeType owner) {
	}

	/** A field's arguments as the document gives them, variables resolved. */
	final class Args {

		private final Field field;

		private final GraphQLFieldDefinition definition;

		private Args(Field field, GraphQLFieldDefinition definition) {
			this.field = field;
			this.definition = definition;
		}

		boolean has(String name) {
			return this.definition.getArgument(name) != null;
		}

		/** The argument as text (a string, an enum value, a number), else null. */
		String text(String name) {
			Object value = value(name);
			return (value != null) ? value.toString() : null;
		}

		/** The argument as a number, its default when not given, else null. */
		Long number(String name) {
			Object value = value(name);
			if (value instanceof Number number) {
				return number.longValue();
			}
			GraphQLArgument argument = this.definition.getArgument(name);
			if (value == null && argument != null && argument.hasSetDefaultValue()) {
				Object defaultValue = argument.getArgumentDefaultValue().getValue();
				if (defaultValue instanceof Number number) {
					return number.longValue();
				}
				if (defaultValue instanceof IntValue literal) {
					return literal.getValue().longValue();
				}
			}
			return null;
		}

		private Object value(String name) {
			for (Argument argument : this.field.getArguments()) {
				if (argument.getName().equals(name)) {
					return literal(argument.getValue());
				}
			}
			return null;
		}

		private Object literal(Value<?> value) {
			if (value instanceof VariableReference variable) {
				return QueryCost.this.variables.get(variable.getName());
			}
			if (value instanceof IntValue number) {
				return number.getValue().longValue();
			}
			if (value instanceof graphql.language.FloatValue number) {
				return number.getValue();
			}
			if (value instanceof StringValue text) {
				return text.getValue();
			}
			if (value instanceof EnumValue constant) {
				return constant.getName();
			}
			return null;
		}

	}

}
