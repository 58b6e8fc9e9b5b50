/**
 * The audit trail (操作留痕): who read a petition's personal data and who changed what;
 * append-only, read by the county administrator. Owns (writes) audit_log.
 */
package io.tiexin.audit;
