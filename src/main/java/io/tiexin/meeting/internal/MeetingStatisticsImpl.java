package io.tiexin.meeting.internal;

import java.util.Collection;
import java.util.Map;

import io.tiexin.meeting.MeetingFigures;
import io.tiexin.meeting.MeetingStatistics;
import io.tiexin.shared.PeriodInput;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link MeetingStatistics} from the daily meeting rollup, through JdbcClient: analytics
 * asks inside its own JDBC transaction, which JPA's transaction manager cannot join.
 */
@Service
@Transactional(readOnly = true)
class MeetingStatisticsImpl implements MeetingStatistics {

	private final MeetingFigureQueries queries;

	MeetingStatisticsImpl(MeetingFigureQueries queries) {
		this.queries = queries;
	}

	@Override
	public Map<String, MeetingFigures> figuresOf(Collection<String> areaCodes, PeriodInput period) {
		return this.queries.figuresOf(areaCodes, period);
	}

}
