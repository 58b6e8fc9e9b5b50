package io.tiexin.audit;

import java.util.List;
import java.util.Objects;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code auditLog}: the trail, newest first, for the county administrator. */
@Controller
class AuditController {

	private final AuditLog auditLog;

	AuditController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@QueryMapping
	AuditPage auditLog(@Argument AuditFilter filter, @Argument Integer first, @Argument String before) {
		int size = Objects.requireNonNullElse(first, 50);
		List<AuditRecord> entries = this.auditLog.search(filter, size, AuditLog.parseId(before));
		String next = (entries.size() == size) ? Long.toString(entries.get(entries.size() - 1).id()) : null;
		return new AuditPage(entries, next);
	}

	record AuditPage(List<AuditRecord> entries, String nextBefore) {
	}

}
