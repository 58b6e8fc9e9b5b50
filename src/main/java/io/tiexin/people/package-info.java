/**
 * People of the programme: grid members, liaisons, cadres, officers, citizens; their
 * roles and areas.
 */
package io.tiexin.people;
