package io.tiexin.petition.live;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PetitionEventAnnouncerTest {

	@Test
	void eventsShareNotificationsUnderPostgresPayloadLimit() {
		List<String> payloads = IntStream.range(0, 1_000)
			.mapToObj(i -> (1_000_000_000L + i) + ",360322101203016")
			.toList();

		List<String> notifications = PetitionEventAnnouncer.notifications(payloads);

		assertThat(notifications).hasSizeBetween(3, 5)
			.allSatisfy(n -> assertThat(n.getBytes(StandardCharsets.UTF_8).length).isLessThan(8_000));
		assertThat(notifications.stream()
			.flatMap(n -> Arrays.stream(n.split(String.valueOf(PetitionEventAnnouncer.SEPARATOR))))
			.toList()).isEqualTo(payloads);
	}

	@Test
	void theLimitCountsBytesNotChars() {
		// Three bytes a character in UTF-8: counted as chars, these would pack three
		// times too many.
		List<String> payloads = IntStream.range(0, 300).mapToObj(i -> i + ",网格网格网格网格网格").toList();

		List<String> notifications = PetitionEventAnnouncer.notifications(payloads);

		assertThat(notifications)
			.allSatisfy(n -> assertThat(n.getBytes(StandardCharsets.UTF_8).length).isLessThan(8_000));
		assertThat(notifications.stream()
			.flatMap(n -> Arrays.stream(n.split(String.valueOf(PetitionEventAnnouncer.SEPARATOR))))
			.toList()).isEqualTo(payloads);
	}

	@Test
	void oneEventIsOneNotification() {
		assertThat(PetitionEventAnnouncer.notifications(List.of("7,360322"))).containsExactly("7,360322");
		assertThat(PetitionEventAnnouncer.notifications(List.of())).isEmpty();
	}

}
