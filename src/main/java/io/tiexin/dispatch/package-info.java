/**
 * Dispatch (派单): who handles each petition, by when in working time, and what happens
 * when a case stalls — returned cases go to someone else, overdue cases climb one level
 * and come under supervision (督办). Its API is working time and the supervision hook other
 * modules' obligations plug into. Owns (writes) the tables {@code work_calendar} and
 * {@code time_limit_policy}; assignments go through petition's PetitionWorkflow.
 */
package io.tiexin.dispatch;
