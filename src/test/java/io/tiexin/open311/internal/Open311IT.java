package io.tiexin.open311.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import io.tiexin.GraphQlClient;
import io.tiexin.TiexinIntegrationTest;
import io.tiexin.grid.AreaCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GeoReport v2 endpoint over real HTTP, in JSON and XML, checked against the field
 * names, types, status values, error bodies and HTTP codes of the specification's own
 * examples (wiki.open311.org/GeoReport_v2), plus the round trip through GraphQL and the
 * public view's privacy.
 */
@TiexinIntegrationTest
class Open311IT {

	/** 泉塘村六组 and its grid member (demo people). */
	static final String CELL = "360322101217006";

	/** The fields of a service in the specification's GET services example. */
	static final List<String> SERVICE_FIELDS = List.of("service_code", "service_name", "description", "metadata",
			"type", "keywords", "group");

	/** The fields of an attribute in the specification's service definition example. */
	static final List<String> ATTRIBUTE_FIELDS = List.of("variable", "code", "datatype", "required",
			"datatype_description", "order", "description", "values");

	/** The fields of a request in the specification's GET service requests example. */
	static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "status_notes", "service_name",
			"service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
			"updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");

	/** The fields of the specification's POST service request response. */
	static final List<String> CREATED_FIELDS = List.of("service_request_id", "service_notice", "account_id");

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient http;

	@Autowired
	GraphQlClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AreaCatalog areas;

	@Autowired
	JsonMapper json;

	String apiKey;

	@BeforeEach
	void issueKey() {
		if (this.apiKey == null) {
			this.apiKey = createKey("12345 热线");
		}
	}

	@Test
	void discoveryListsTheEndpointInBothFormats() {
		Map<String, Object> discovery = jsonObject(get("/open311/v2/discovery.json", 200));
		assertThat(discovery).containsKeys("changeset", "contact", "key_service", "endpoints");
		Map<String, Object> endpoint = listOfMaps(discovery.get("endpoints")).get(0);
		assertThat(endpoint).containsEntry("specification", "http://wiki.open311.org/GeoReport_v2")
			.containsEntry("type", "production")
			.containsEntry("formats", List.of("text/xml", "application/json"));
		assertThat((String) endpoint.get("url")).endsWith("/open311/v2");

		Element xml = xml(get("/open311/v2/discovery.xml", 200));
		assertThat(xml.getTagName()).isEqualTo("discovery");
		Element xmlEndpoint = child(child(xml, "endpoints"), "endpoint");
		assertThat(text(xmlEndpoint, "specification")).isEqualTo("http://wiki.open311.org/GeoReport_v2");
		assertThat(children(child(xmlEndpoint, "formats"), "format")).extracting(Node::getTextContent)
			.containsExactly("text/xml", "application/json");
	}

	@Test
	void servicesAreTheCategoriesWithTheSpecificationsFields() {
		List<Map<String, Object>> services = jsonList(get("/open311/v2/services.json", 200));
		assertThat(services).hasSize(10);
		services.forEach(service -> assertThat(service.keySet()).containsExactlyElementsOf(SERVICE_FIELDS));
		Map<String, Object> light = byField(services, "service_code", "STREET_LIGHT");
		assertThat(light).containsEntry("service_name", "路灯照明")
			.containsEntry("metadata", true)
			.containsEntry("type", "realtime")
			.containsEntry("group", "基础设施");
		assertThat((String) light.get("keywords")).contains("路灯");
		assertThat(byField(services, "service_code", "OTHER")).containsEntry("metadata", false);

		Element xml = xml(get("/open311/v2/services.xml?jurisdiction_id=360322", 200));
		assertThat(xml.getTagName()).isEqualTo("services");
		List<Element> xmlServices = children(xml, "service");
		assertThat(xmlServices).hasSize(10);
		for (Element service : xmlServices) {
			assertThat(childNames(service)).containsExactlyElementsOf(SERVICE_FIELDS);
		}
		assertThat(text(xmlServices.get(0), "metadata")).isIn("true", "false");

		assertError(get("/open311/v2/services.json?jurisdiction_id=110000", 404), 404);
	}

	@Test
	void serviceDefinitionsCarryTheAttributes() {
		Map<String, Object> definition = jsonObject(get("/open311/v2/services/STREET_LIGHT.json", 200));
		assertThat(definition).containsEntry("service_code", "STREET_LIGHT");
		List<Map<String, Object>> attributes = listOfMaps(definition.get("attributes"));
		assertThat(attributes).extracting(a -> a.get("code")).containsExactly("POLE_NUMBER", "LIGHT_STATE");
		Map<String, Object> state = attributes.get(1);
		assertThat(state.keySet()).containsExactlyElementsOf(ATTRIBUTE_FIELDS);
		assertThat(state).containsEntry("variable", true)
			.containsEntry("datatype", "singlevaluelist")
			.containsEntry("required", true)
			.containsEntry("order", 2);
		assertThat(listOfMaps(state.get("values")).get(0)).containsOnlyKeys("key", "name").containsEntry("key", "OFF");
		assertThat(attributes.get(0)).doesNotContainKey("values").containsEntry("datatype", "string");

		Element xml = xml(get("/open311/v2/services/SAFETY_HAZARD.xml", 200));
		assertThat(xml.getTagName()).isEqualTo("service_definition");
		assertThat(text(xml, "service_code")).isEqualTo("SAFETY_HAZARD");
		Element kind = children(child(xml, "attributes"), "attribute").get(0);
		assertThat(childNames(kind)).containsExactlyElementsOf(ATTRIBUTE_FIELDS);
		assertThat(text(kind, "datatype")).isEqualTo("multivaluelist");
		assertThat(children(child(kind, "values"), "value")).hasSize(4)
			.allSatisfy(value -> assertThat(childNames(value)).containsExactly("key", "name"));

		assertThat(listOfMaps(jsonObject(get("/open311/v2/services/OTHER.json", 200)).get("attributes"))).isEmpty();
		assertError(get("/open311/v2/services/NO_SUCH.json", 404), 404);
		assertXmlError(get("/open311/v2/services/NO_SUCH.xml", 404), 404);
	}

	@Test
	void postRefusesWithTheStandardsCodes() {
		MultiValueMap<String, String> valid = lightRequest("路灯不亮");
		MultiValueMap<String, String> noKey = new LinkedMultiValueMap<>(valid);
		noKey.remove("api_key");
		assertError(post("/open311/v2/requests.json", noKey, 403), 403);
		MultiValueMap<String, String> wrongKey = new LinkedMultiValueMap<>(valid);
		wrongKey.set("api_key", "tx311_not-a-key");
		assertXmlError(post("/open311/v2/requests.xml", wrongKey, 403), 403);

		for (var broken : List.<Map.Entry<String, String>>of(Map.entry("service_code", ""),
				Map.entry("service_code", "NO_SUCH"), Map.entry("lat", "abc"), Map.entry("lat", "95"),
				Map.entry("long", "116.4"), Map.entry("attribute[LIGHT_STATE]", "GREEN"),
				Map.entry("attribute[NO_SUCH]", "1"), Map.entry("phone", "call me"),
				Map.entry("jurisdiction_id", "110000"))) {
			MultiValueMap<String, String> request = new LinkedMultiValueMap<>(valid);
			request.set(broken.getKey(), broken.getValue());
			int expected = broken.getKey().equals("jurisdiction_id") ? 404 : 400;
			assertThat(errorCode(post("/open311/v2/requests.json", request, expected))).as(broken.toString())
				.isEqualTo(expected);
		}
		MultiValueMap<String, String> missingAttribute = new LinkedMultiValueMap<>(valid);
		missingAttribute.remove("attribute[LIGHT_STATE]");
		assertError(post("/open311/v2/requests.json", missingAttribute, 400), 400);
		MultiValueMap<String, String> nowhere = new LinkedMultiValueMap<>(valid);
		nowhere.remove("lat");
		nowhere.remove("long");
		assertError(post("/open311/v2/requests.json", nowhere, 400), 400);
		nowhere.set("address_id", "999999999");
		assertError(post("/open311/v2/requests.json", nowhere, 400), 400);
		nowhere.set("address_id", CELL);
		assertThat(jsonList(post("/open311/v2/requests.json", nowhere, 200)).get(0)).containsKey("service_request_id");
	}

	@Test
	void aPostedRequestIsADispatchedPetitionAndItsStatusReadsBack() {
		List<Map<String, Object>> created = jsonList(
				post("/open311/v2/requests.json", lightRequest("六组路口的路灯不亮。晚上出行不便"), 200));
		assertThat(created).hasSize(1);
		assertThat(created.get(0).keySet()).containsAll(CREATED_FIELDS);
		assertThat(created.get(0)).containsEntry("account_id", null);
		String id = (String) created.get(0).get("service_request_id");
		assertThat(id).matches("\\d{6}-\\d{6}-\\d");

		Map<String, Object> petition = this.client.admin()
			.documentName("open311/petitionByTrackingNumber")
			.variable("trackingNumber", id)
			.execute()
			.path("petitionByTrackingNumber")
			.entity(MAP)
			.get();
		assertThat(petition).containsEntry("status", "ASSIGNED")
			.containsEntry("channel", "HOTLINE_12345")
			.containsEntry("title", "六组路口的路灯不亮")
			.containsEntry("contactPhone", "13800138000");
		assertThat((String) petition.get("description")).startsWith("六组路口的路灯不亮。晚上出行不便")
			.contains("[LIGHT_STATE]: OFF")
			.contains("[POLE_NUMBER]: SL-0617");
		@SuppressWarnings("unchecked")
		String assignee = (String) ((Map<String, Object>) petition.get("assignee")).get("username");
		assertThat(assignee).isEqualTo("gm-" + CELL);

		Map<String, Object> open = jsonList(get("/open311/v2/requests/" + id + ".json", 200)).get(0);
		assertThat(open.keySet()).containsExactlyElementsOf(REQUEST_FIELDS);
		assertThat(open).containsEntry("status", "open")
			.containsEntry("service_code", "STREET_LIGHT")
			.containsEntry("service_name", "路灯照明")
			.containsEntry("description", "六组路口的路灯不亮")
			.containsEntry("address_id", CELL);
		assertThat(open.get("lat")).isInstanceOf(Double.class);
		assertThat(open.get("long")).isInstanceOf(Double.class);
		assertThat(OffsetDateTime.parse((String) open.get("requested_datetime"))).isNotNull();
		assertThat(open.get("expected_datetime")).isNotNull();

		String petitionId = (String) petition.get("id");
		for (String operation : List.of("acceptPetition", "startPetition")) {
			this.client.as(assignee)
				.documentName("petition/" + operation + "Status")
				.variable("id", petitionId)
				.execute()
				.path(operation + ".status")
				.hasValue();
		}
		this.client.as(assignee)
			.documentName("petition/resolvePetitionStatus")
			.variable("id", petitionId)
			.variable("note", "已更换灯泡")
			.execute()
			.path("resolvePetition.status")
			.entity(String.class)
			.isEqualTo("RESOLVED");

		Element closed = child(xml(get("/open311/v2/requests/" + id + ".xml", 200)), "request");
		assertThat(childNames(closed)).containsExactlyElementsOf(REQUEST_FIELDS);
		assertThat(text(closed, "status")).isEqualTo("closed");
		assertThat(OffsetDateTime.parse(text(closed, "updated_datetime")))
			.isAfterOrEqualTo(OffsetDateTime.parse(text(closed, "requested_datetime")));
		String updatedAt = this.client.admin()
			.documentName("open311/updatedAtByTrackingNumber")
			.variable("trackingNumber", id)
			.execute()
			.path("petitionByTrackingNumber.updatedAt")
			.entity(String.class)
			.get();
		assertThat(text(closed, "updated_datetime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
		assertThat(OffsetDateTime.parse(text(closed, "updated_datetime")).toInstant())
			.isEqualTo(OffsetDateTime.parse(updatedAt).toInstant().truncatedTo(ChronoUnit.SECONDS));
		String closedList = get("/open311/v2/requests.json?status=closed&service_code=STREET_LIGHT", 200);
		assertThat(jsonList(closedList)).extracting(r -> r.get("service_request_id")).contains(id);
		String openList = get("/open311/v2/requests.json?status=open&service_code=STREET_LIGHT", 200);
		assertThat(jsonList(openList)).extracting(r -> r.get("service_request_id")).doesNotContain(id);
	}

	@Test
	void xmlPostAnswersInXml() {
		Element answer = xml(post("/open311/v2/requests.xml", lightRequest("路灯闪烁"), 200));
		assertThat(answer.getTagName()).isEqualTo("service_requests");
		Element request = child(answer, "request");
		assertThat(childNames(request)).containsAll(CREATED_FIELDS);
		String id = text(request, "service_request_id");

		Element token = child(xml(get("/open311/v2/tokens/" + id + ".xml", 200)), "request");
		assertThat(text(token, "service_request_id")).isEqualTo(id);
		assertThat(text(token, "token")).isEqualTo(id);
		assertThat(jsonList(get("/open311/v2/tokens/" + id + ".json", 200)).get(0))
			.containsEntry("service_request_id", id)
			.containsEntry("token", id);
		assertError(get("/open311/v2/tokens/000000-000000-0.json", 404), 404);
		assertXmlError(get("/open311/v2/requests/000000-000000-0.xml", 404), 404);
	}

	@Test
	void requestListsFilterAndPage() {
		String first = createdId(lightRequest("第一盏路灯不亮"));
		String second = createdId(lightRequest("第二盏路灯不亮"));
		String third = createdId(lightRequest("第三盏路灯不亮"));

		List<Map<String, Object>> byIds = jsonList(
				get("/open311/v2/requests.json?service_request_id=" + first + "," + third, 200));
		assertThat(byIds).extracting(r -> r.get("service_request_id")).containsExactly(third, first);
		byIds.forEach(r -> assertThat(r.keySet()).containsExactlyElementsOf(REQUEST_FIELDS));

		String start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
		List<Object> page1 = ids(get("/open311/v2/requests.json?service_code=STREET_LIGHT&status=open&start_date="
				+ start + "&page_size=2&page=1", 200));
		List<Object> page2 = ids(get("/open311/v2/requests.json?service_code=STREET_LIGHT&status=open&start_date="
				+ start + "&page_size=2&page=2", 200));
		assertThat(page1).hasSize(2).containsExactly(third, second);
		assertThat(page2).contains(first).doesNotContainAnyElementsOf(page1);
		String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString();
		assertThat(ids(get("/open311/v2/requests.json?start_date=" + future, 200))).isEmpty();
		assertThat(ids(get("/open311/v2/requests.json?end_date=" + start, 200))).doesNotContain(first, second, third);
		assertThat(children(xml(get("/open311/v2/requests.xml?service_request_id=" + second, 200)), "request"))
			.hasSize(1);
		assertThat(ids(get("/open311/v2/requests.json?service_code=WATER_SUPPLY&service_request_id=" + first, 200)))
			.isEmpty();

		assertError(get("/open311/v2/requests.json?start_date=yesterday", 400), 400);
		assertError(get("/open311/v2/requests.json?status=pending", 400), 400);
		assertError(get("/open311/v2/requests.json?page_size=0", 400), 400);
		assertXmlError(get("/open311/v2/requests.xml?service_code=NO_SUCH", 400), 400);
	}

	@Test
	void publicReadsShowNoPersonalDataAndHideSensitivePoints() {
		Point inside = this.areas.find(CELL).orElseThrow().boundary().getInteriorPoint();
		Point exact = inside.getFactory().createPoint(new Coordinate(inside.getX() + 0.0007, inside.getY() + 0.0003));
		MultiValueMap<String, String> dispute = new LinkedMultiValueMap<>();
		dispute.add("api_key", this.apiKey);
		dispute.add("service_code", "DISPUTE");
		dispute.add("lat", Double.toString(exact.getY()));
		dispute.add("long", Double.toString(exact.getX()));
		dispute.add("description", "邻居王五占用我家宅基地");
		dispute.add("address_string", "泉塘村六组17号");
		dispute.add("first_name", "小明");
		dispute.add("last_name", "李");
		dispute.add("email", "liming@example.org");
		dispute.add("phone", "13912345678");
		String disputeId = createdId(dispute);
		MultiValueMap<String, String> light = lightRequest("路灯不亮");
		light.set("address_string", "泉塘村六组17号");
		String lightId = createdId(light);

		for (String body : List.of(get("/open311/v2/requests/" + disputeId + ".json", 200),
				get("/open311/v2/requests/" + disputeId + ".xml", 200),
				get("/open311/v2/requests.json?service_request_id=" + disputeId + "," + lightId, 200),
				get("/open311/v2/requests.xml?service_request_id=" + disputeId + "," + lightId, 200),
				get("/open311/v2/requests.json", 200))) {
			assertThat(body).doesNotContain("李小明", "小明", "13912345678", "liming@example.org", "17号", "王五",
					"13800138000", "张三");
		}
		Map<String, Object> shown = jsonList(get("/open311/v2/requests/" + disputeId + ".json", 200)).get(0);
		assertThat(shown).containsEntry("description", null).containsEntry("address_id", CELL);
		assertThat((Double) shown.get("lat")).isNotEqualTo(exact.getY());
		assertThat((Double) shown.get("long")).isNotEqualTo(exact.getX());
		assertThat(ids(get("/open311/v2/requests.json?service_code=DISPUTE", 200))).doesNotContain(disputeId);
		assertThat(ids(get("/open311/v2/requests.json", 200))).doesNotContain(disputeId).contains(lightId);
	}

	@Test
	void apiKeysAreForCountyAdministratorsShownOnceAndRevocable() {
		assertThat(this.client.as("officer-360322101")
			.documentName("open311/createApiKeyId")
			.variable("partnerName", "x")
			.execute()
			.returnResponse()
			.getErrors()).extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN");

		Map<String, Object> created = this.client.admin()
			.documentName("open311/createApiKey")
			.variable("partnerName", "赣服通")
			.variable("channel", "MINI_PROGRAM")
			.execute()
			.path("createApiKey")
			.entity(MAP)
			.get();
		String key = (String) created.get("key");
		assertThat(key).startsWith("tx311_").startsWith((String) created.get("prefix"));
		assertThat(created).containsEntry("channel", "MINI_PROGRAM")
			.containsEntry("partner", Map.of("name", "赣服通", "roles", List.of("CITIZEN")));
		assertThat(this.jdbc.sql("SELECT count(*) FROM api_key WHERE key_hash = ? OR key_prefix = ?")
			.params(key, key)
			.query(Long.class)
			.single()).isZero();
		List<Map<String, Object>> listed = this.client.admin()
			.documentName("open311/apiKeys")
			.execute()
			.path("apiKeys")
			.entityList(MAP)
			.get();
		assertThat(byField(listed, "id", created.get("id"))).containsEntry("key", null);

		MultiValueMap<String, String> request = lightRequest("路灯不亮");
		request.set("api_key", key);
		createdId(request);
		this.client.admin()
			.documentName("open311/revokeApiKey")
			.variable("id", created.get("id"))
			.execute()
			.path("revokeApiKey")
			.entity(Boolean.class)
			.isEqualTo(true);
		assertError(post("/open311/v2/requests.json", request, 403), 403);
	}

	@Test
	void jsonStaysTheDefaultOfTheOtherEndpoints() {
		// jackson-dataformat-xml on the classpath must not make XML the answer to Accept:
		// */*.
		EntityExchangeResult<byte[]> result = this.http.get()
			.uri("/map/config")
			.accept(MediaType.ALL)
			.exchange()
			.expectBody()
			.returnResult();
		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
	}

	// --- helpers

	private String createKey(String partner) {
		return this.client.admin()
			.documentName("open311/createApiKeyKey")
			.variable("partnerName", partner)
			.execute()
			.path("createApiKey.key")
			.entity(String.class)
			.get();
	}

	private MultiValueMap<String, String> lightRequest(String description) {
		Point inside = this.areas.find(CELL).orElseThrow().boundary().getInteriorPoint();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("api_key", this.apiKey);
		form.add("jurisdiction_id", "360322");
		form.add("service_code", "STREET_LIGHT");
		form.add("lat", String.format(Locale.ROOT, "%.7f", inside.getY()));
		form.add("long", String.format(Locale.ROOT, "%.7f", inside.getX()));
		form.add("description", description);
		form.add("attribute[LIGHT_STATE]", "OFF");
		form.add("attribute[POLE_NUMBER]", "SL-0617");
		form.add("first_name", "三");
		form.add("last_name", "张");
		form.add("phone", "13800138000");
		return form;
	}

	private String createdId(MultiValueMap<String, String> form) {
		return (String) jsonList(post("/open311/v2/requests.json", form, 200)).get(0).get("service_request_id");
	}

	private List<Object> ids(String body) {
		return new ArrayList<>(jsonList(body).stream().map(r -> r.get("service_request_id")).toList());
	}

	private String get(String uri, int status) {
		EntityExchangeResult<byte[]> result = this.http.get().uri(uri).exchange().expectBody().returnResult();
		String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
		assertThat(result.getStatus().value()).as(uri + " → " + body).isEqualTo(status);
		assertContentType(uri, result);
		return body;
	}

	private String post(String uri, MultiValueMap<String, String> form, int status) {
		EntityExchangeResult<byte[]> result = this.http.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectBody()
			.returnResult();
		String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
		assertThat(result.getStatus().value()).as(uri + " " + form + " → " + body).isEqualTo(status);
		assertContentType(uri, result);
		return body;
	}

	private static void assertContentType(String uri, EntityExchangeResult<byte[]> result) {
		MediaType type = result.getResponseHeaders().getContentType();
		assertThat(type).as(uri).isNotNull();
		String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
		assertThat(type.isCompatibleWith(path.endsWith(".xml") ? MediaType.TEXT_XML : MediaType.APPLICATION_JSON))
			.as(uri + " " + type)
			.isTrue();
	}

	private void assertError(String body, int code) {
		List<Map<String, Object>> errors = jsonList(body);
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).keySet()).containsExactly("code", "description");
		assertThat(errors.get(0).get("code")).isEqualTo(code);
		assertThat((String) errors.get(0).get("description")).isNotBlank();
	}

	private int errorCode(String body) {
		return (Integer) jsonList(body).get(0).get("code");
	}

	private void assertXmlError(String body, int code) {
		Element errors = xml(body);
		assertThat(errors.getTagName()).isEqualTo("errors");
		Element error = child(errors, "error");
		assertThat(childNames(error)).containsExactly("code", "description");
		assertThat(text(error, "code")).isEqualTo(Integer.toString(code));
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> jsonList(String body) {
		return this.json.readValue(body, List.class);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> jsonObject(String body) {
		return this.json.readValue(body, Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> listOfMaps(Object value) {
		return (List<Map<String, Object>>) value;
	}

	private static Map<String, Object> byField(List<Map<String, Object>> list, String field, Object value) {
		return list.stream().filter(item -> value.equals(item.get(field))).findFirst().orElseThrow();
	}

	private static Element xml(String body) {
		assertThat(body).startsWith("<?xml");
		try {
			Document document = DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
			return document.getDocumentElement();
		}
		catch (Exception ex) {
			throw new AssertionError("not XML: " + body, ex);
		}
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && (name == null || element.getTagName().equals(name))) {
				found.add(element);
			}
		}
		return found;
	}

	private static List<String> childNames(Element parent) {
		return children(parent, null).stream().map(Element::getTagName).toList();
	}

	private static Element child(Element parent, String name) {
		List<Element> found = children(parent, name);
		assertThat(found).as("<" + name + "> in <" + parent.getTagName() + ">").hasSize(1);
		return found.get(0);
	}

	private static String text(Element parent, String name) {
		return child(parent, name).getTextContent();
	}

}
