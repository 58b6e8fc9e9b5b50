/**
 * County departments (职能部门) answering the whistle (村组吹哨、部门报到): a cadre or officer summons
 * departments to a case, each reports within its time limit and does its part; late
 * reports come under supervision (督办). Owns (writes) the tables {@code department},
 * {@code department_category}, {@code department_staff}, {@code whistle} and
 * {@code whistle_response}, through JPA entities in {@code internal}.
 */
package io.tiexin.department;
