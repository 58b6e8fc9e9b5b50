package io.tiexin.petition.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Group intake ({@link GroupIntake}).
 *
 * @param maxBatch the most submissions one transaction writes
 * @param writers how many batches may be written at once (each holds a connection while
 * it writes); 0 writes every submission alone in a transaction of its own, as before
 * @param maxWait how long a submitter waits for its batch before it is answered with an
 * error (the submission may still be written then, like any request that timed out)
 */
@ConfigurationProperties("tiexin.petition.intake")
public record GroupIntakeProperties(@DefaultValue("64") int maxBatch, @DefaultValue("3") int writers,
		@DefaultValue("30s") Duration maxWait) {
}
