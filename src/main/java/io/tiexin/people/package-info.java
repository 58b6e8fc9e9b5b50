/**
 * People of the programme: grid members, liaisons, cadres, officers, citizens; their
 * roles and areas, the person directory, the current actor of a request and what a viewer
 * may see of a person. Owns (writes) the tables {@code person} and
 * {@code person_duty_area}.
 */
package io.tiexin.people;
