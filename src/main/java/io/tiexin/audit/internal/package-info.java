/**
 * How reads of personal data reach the audit trail: one group commit for many requests,
 * each answer held until its own records are committed. Owns no table (audit_log is the
 * module's).
 */
package io.tiexin.audit.internal;
