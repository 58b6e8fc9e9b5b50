/**
 * Dispatch (派单): who handles each petition, by when in working time, and what happens
 * when a case stalls — returned cases go to someone else, overdue cases climb one level
 * and come under supervision (督办). Owns (writes) work_calendar and time_limit_policy;
 * assignments go through petition's PetitionWorkflow.
 */
package io.tiexin.dispatch;
