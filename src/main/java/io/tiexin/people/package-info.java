/**
 * People of the programme: grid members, liaisons, cadres, officers, citizens; their
 * roles and areas. Owns (writes) person and person_duty_area.
 */
package io.tiexin.people;
