package io.tiexin.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import io.tiexin.geo.Geometries;
import io.tiexin.geo.LocalMetricProjection;
import io.tiexin.grid.Area;
import io.tiexin.grid.GridIndex;
import io.tiexin.grid.Location;
import io.tiexin.grid.MatchMethod;
import io.tiexin.petition.Category;
import io.tiexin.petition.Channel;
import io.tiexin.petition.HandlingLevel;
import io.tiexin.petition.PetitionStatus;
import io.tiexin.petition.Satisfaction;
import io.tiexin.petition.Urgency;
import io.tiexin.shared.ServiceTime;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A synthetic petition history for any area hierarchy: the same plan and seed give the
 * same petitions, in the same order, on any JVM.
 * <p>
 * Every grid cell (village group) draws petitions in proportion to area<sup>0.3</sup>: a
 * small cell in a village centre gets nearly as many as a large cell of hills, so density
 * is far higher where cells are small. On top, {@code plantedClusters} dense clusters (10
 * % of all petitions together) each of one category, Gaussian around a point with a 60 m
 * standard deviation; the report says where. Categories, channels and urgencies follow
 * fixed mixes; each petition's status is where its own lognormal time to close has taken
 * it by {@code asOf} (about 4 % never close), with closed_at, satisfaction and due_at
 * consistent with it.
 */
public final class DemoHistoryGenerator {

	static final double CLUSTER_SHARE = 0.10;

	static final double CLUSTER_SIGMA_METERS = 60;

	private static final double NEVER_CLOSES = 0.04;

	private static final double WITHDRAWN = 0.015;

	private static final double ESCALATED = 0.08;

	private static final Map<String, Double> CATEGORY_MIX = Map.of("STREET_LIGHT", 12.0, "WATER_SUPPLY", 14.0, "SEWAGE",
			8.0, "ROADS", 14.0, "ENVIRONMENT", 16.0, "DISPUTE", 10.0, "ELDERLY_DISABLED", 8.0, "WAGES_EMPLOYMENT", 6.0,
			"SAFETY_HAZARD", 6.0, "OTHER", 6.0);

	private static final Map<String, List<String>> TITLES = Map.of("STREET_LIGHT", List.of("路灯不亮", "路灯杆倾斜"),
			"WATER_SUPPLY", List.of("自来水停水", "水管漏水", "水压太低"), "SEWAGE", List.of("污水外溢", "下水道堵塞"), "ROADS",
			List.of("路面坑洼", "桥梁护栏损坏", "道路塌方"), "ENVIRONMENT", List.of("垃圾未清运", "河道漂浮物"), "DISPUTE",
			List.of("邻里宅基地纠纷", "山林界址纠纷"), "ELDERLY_DISABLED", List.of("独居老人需要照料", "残疾人补贴咨询"), "WAGES_EMPLOYMENT",
			List.of("工资拖欠", "务工就业咨询"), "SAFETY_HAZARD", List.of("危房隐患", "电线裸露"), "OTHER", List.of("其他诉求"));

	private static final Channel[] CHANNELS = Channel.values();

	private static final double[] CHANNEL_MIX = { 45, 20, 15, 15, 5 };

	private static final Urgency[] URGENCIES = Urgency.values();

	private static final double[] URGENCY_MIX = { 85, 12, 3 };

	private final Plan plan;

	private final List<Area> cells;

	private final List<Category> categories;

	private final double[] categoryWeights;

	private final List<Long> citizenIds;

	private final GridIndex gridIndex;

	private final SplittableRandom random;

	private final LocalMetricProjection metric;

	private final Map<String, PreparedGeometry> prepared = new HashMap<>();

	private final double[] cellCumulative;

	private final Map<String, Category> categoriesByCode = new HashMap<>();

	private final List<PlantedCluster> clusters = new ArrayList<>();

	/**
	 * @param rootAreaCode the history falls in the grid cells below this area
	 * @param firstDay the first day (China Standard Time) of the history
	 * @param asOf the moment statuses are taken at; no petition is submitted after it
	 */
	public record Plan(String rootAreaCode, int petitions, LocalDate firstDay, int days, OffsetDateTime asOf, long seed,
			int plantedClusters) {
	}

	/**
	 * @param centre WGS84
	 */
	public record PlantedCluster(Point centre, String gridCode, String categoryCode, int petitions,
			double sigmaMeters) {
	}

	/** One generated petition, as the petition table stores it. */
	public record GeneratedPetition(String title, String categoryCode, Channel channel, Urgency urgency,
			PetitionStatus status, HandlingLevel level, Point point, String gridCode, OffsetDateTime submittedAt,
			OffsetDateTime dueAt, OffsetDateTime closedAt, Satisfaction satisfaction, long submitterId) {
	}

	public record History(List<GeneratedPetition> petitions, List<PlantedCluster> clusters) {
	}

	DemoHistoryGenerator(Plan plan, List<Area> cells, List<Category> categories, List<Long> citizenIds,
			GridIndex gridIndex) {
		if (cells.isEmpty() || citizenIds.isEmpty() || categories.isEmpty()) {
			throw new IllegalArgumentException("a history needs grid cells, citizens and categories");
		}
		this.plan = plan;
		this.cells = cells;
		this.categories = categories;
		categories.forEach(category -> this.categoriesByCode.put(category.code(), category));
		this.categoryWeights = categories.stream().mapToDouble(c -> CATEGORY_MIX.getOrDefault(c.code(), 5.0)).toArray();
		this.citizenIds = citizenIds;
		this.gridIndex = gridIndex;
		this.random = new SplittableRandom(plan.seed());
		Geometry extent = Geometries.WGS84.toGeometry(envelopeOf(cells));
		this.metric = LocalMetricProjection.around(extent);
		this.cellCumulative = new double[cells.size()];
		double total = 0;
		for (int i = 0; i < cells.size(); i++) {
			total += StrictMath.pow(Math.max(cells.get(i).areaSqKm(), 1e-4), 0.3);
			this.cellCumulative[i] = total;
		}
	}

	/**
	 * The whole history in one list: for the demo's year, not for millions
	 * ({@link #petitions()} streams).
	 */
	History generate() {
		List<GeneratedPetition> petitions = new ArrayList<>(this.plan.petitions());
		petitions().forEachRemaining(petitions::add);
		return new History(petitions, plantedClusters());
	}

	/**
	 * The clusters planted so far: all of them once {@link #petitions()} has run to the
	 * end.
	 */
	List<PlantedCluster> plantedClusters() {
		return List.copyOf(this.clusters);
	}

	/**
	 * The plan's petitions one at a time, in memory that does not grow with their number:
	 * first each planted cluster's (drawn just before its petitions), then the rest. Call
	 * once.
	 */
	Iterator<GeneratedPetition> petitions() {
		int clustered = (this.plan.plantedClusters() > 0) ? (int) Math.round(this.plan.petitions() * CLUSTER_SHARE) : 0;
		return new Iterator<>() {

			private int emitted;

			private int cluster = -1;

			private int leftInCluster;

			@Override
			public boolean hasNext() {
				return this.emitted < DemoHistoryGenerator.this.plan.petitions();
			}

			@Override
			public GeneratedPetition next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int planted = DemoHistoryGenerator.this.plan.plantedClusters();
				while (this.leftInCluster == 0 && this.cluster < planted - 1) {
					this.cluster++;
					this.leftInCluster = clustered / planted + ((this.cluster < clustered % planted) ? 1 : 0);
					plantCluster(this.leftInCluster);
				}
				this.emitted++;
				if (this.leftInCluster > 0) {
					this.leftInCluster--;
					PlantedCluster current = DemoHistoryGenerator.this.clusters.get(this.cluster);
					Location location = pointNear(current.centre());
					return petition(DemoHistoryGenerator.this.categoriesByCode.get(current.categoryCode()),
							location.point(), location.grid().code());
				}
				Area cell = pickCell();
				return petition(
						DemoHistoryGenerator.this.categories.get(pick(DemoHistoryGenerator.this.categoryWeights)),
						pointIn(cell), cell.code());
			}
		};
	}

	private void plantCluster(int size) {
		Area cell = pickCell();
		Point centre = Geometries.WGS84.createPoint(cell.boundary().getInteriorPoint().getCoordinate());
		Category category = this.categories.get(pick(this.categoryWeights));
		this.clusters.add(new PlantedCluster(centre, cell.code(), category.code(), size, CLUSTER_SIGMA_METERS));
	}

	private GeneratedPetition petition(Category category, Point point, String gridCode) {
		OffsetDateTime submittedAt = submittedAt();
		Urgency urgency = URGENCIES[pick(URGENCY_MIX)];
		Channel channel = CHANNELS[pick(CHANNEL_MIX)];
		boolean escalated = this.random.nextDouble() < ESCALATED;
		HandlingLevel level = (escalated && category.defaultLevel().above() != null) ? category.defaultLevel().above()
				: category.defaultLevel();
		OffsetDateTime dueAt = submittedAt.plusHours(switch (urgency) {
			case NORMAL -> 120;
			case URGENT -> 48;
			case EMERGENCY -> 24;
		});
		List<String> titles = TITLES.getOrDefault(category.code(), List.of(category.name()));
		String title = titles.get(this.random.nextInt(titles.size()));
		long submitter = this.citizenIds.get(this.random.nextInt(this.citizenIds.size()));
		double ageHours = Duration.between(submittedAt, this.plan.asOf()).toMinutes() / 60.0;
		double medianHours = switch (urgency) {
			case NORMAL -> 60;
			case URGENT -> 20;
			case EMERGENCY -> 8;
		} * (escalated ? 2 : 1);
		double hoursToClose = medianHours * StrictMath.exp(0.8 * this.random.nextGaussian());
		boolean neverCloses = this.random.nextDouble() < NEVER_CLOSES;
		double satisfactionDraw = this.random.nextDouble();
		if (this.random.nextDouble() < WITHDRAWN && ageHours > 2) {
			return new GeneratedPetition(title, category.code(), channel, urgency, PetitionStatus.WITHDRAWN, level,
					point, gridCode, submittedAt, dueAt, null, null, submitter);
		}
		if (!neverCloses && ageHours >= hoursToClose) {
			OffsetDateTime closedAt = submittedAt.plusSeconds((long) (hoursToClose * 3600));
			Satisfaction satisfaction = (satisfactionDraw < 0.15) ? null
					: (satisfactionDraw < 0.76) ? Satisfaction.SATISFIED
							: (satisfactionDraw < 0.95) ? Satisfaction.BASICALLY_SATISFIED : Satisfaction.DISSATISFIED;
			return new GeneratedPetition(title, category.code(), channel, urgency, PetitionStatus.CLOSED, level, point,
					gridCode, submittedAt, dueAt, closedAt, satisfaction, submitter);
		}
		double progress = neverCloses ? Math.min(ageHours / hoursToClose, 0.8) : ageHours / hoursToClose;
		PetitionStatus status = (progress >= 0.85) ? PetitionStatus.RESOLVED
				: (progress >= 0.3) ? PetitionStatus.IN_PROGRESS : (progress >= 0.1) ? PetitionStatus.ACCEPTED
						: (progress >= 0.02) ? PetitionStatus.ASSIGNED : PetitionStatus.SUBMITTED;
		return new GeneratedPetition(title, category.code(), channel, urgency, status, level, point, gridCode,
				submittedAt, dueAt, null, null, submitter);
	}

	/** Office hours mostly; never after {@code asOf}. */
	private OffsetDateTime submittedAt() {
		LocalDate day = this.plan.firstDay().plusDays(this.random.nextInt(this.plan.days()));
		int hour = (this.random.nextDouble() < 0.85) ? 7 + this.random.nextInt(14) : this.random.nextInt(24);
		OffsetDateTime at = day.atStartOfDay(ServiceTime.ZONE)
			.plusHours(hour)
			.plusSeconds(this.random.nextInt(3600))
			.toOffsetDateTime();
		return at.isAfter(this.plan.asOf()) ? this.plan.asOf().minusMinutes(1 + this.random.nextInt(600)) : at;
	}

	private Area pickCell() {
		double target = this.random.nextDouble() * this.cellCumulative[this.cellCumulative.length - 1];
		int low = 0;
		int high = this.cellCumulative.length - 1;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (this.cellCumulative[middle] < target) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return this.cells.get(low);
	}

	private Point pointIn(Area cell) {
		PreparedGeometry boundary = this.prepared.computeIfAbsent(cell.code(),
				code -> PreparedGeometryFactory.prepare(cell.boundary()));
		Envelope envelope = cell.boundary().getEnvelopeInternal();
		for (int attempt = 0; attempt < 1000; attempt++) {
			Point candidate = Geometries.point(envelope.getMinX() + this.random.nextDouble() * envelope.getWidth(),
					envelope.getMinY() + this.random.nextDouble() * envelope.getHeight());
			if (boundary.containsProperly(candidate)) {
				return candidate;
			}
		}
		return Geometries.WGS84.createPoint(cell.boundary().getInteriorPoint().getCoordinate());
	}

	/** A point Gaussian around the centre that lies in a cell of the plan's area. */
	private Location pointNear(Point centre) {
		Coordinate metres = this.metric.toMeters(centre).getCoordinate();
		for (int attempt = 0; attempt < 1000; attempt++) {
			Point candidate = (Point) this.metric.toDegrees(Geometries.WGS84
				.createPoint(new Coordinate(metres.x + CLUSTER_SIGMA_METERS * this.random.nextGaussian(),
						metres.y + CLUSTER_SIGMA_METERS * this.random.nextGaussian())));
			Location location = this.gridIndex.locate(candidate);
			if (location.method() == MatchMethod.CONTAINS && location.grid().isWithin(this.plan.rootAreaCode())) {
				return new Location(candidate, location.grid(), MatchMethod.CONTAINS, 0);
			}
		}
		return this.gridIndex.locate(centre);
	}

	private int pick(double[] weights) {
		double total = 0;
		for (double weight : weights) {
			total += weight;
		}
		double target = this.random.nextDouble() * total;
		for (int i = 0; i < weights.length; i++) {
			target -= weights[i];
			if (target < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private static Envelope envelopeOf(List<Area> cells) {
		Envelope envelope = new Envelope();
		cells.forEach(cell -> envelope.expandToInclude(cell.boundary().getEnvelopeInternal()));
		return envelope;
	}

}
