/** The meeting module's entities, repositories, services and GraphQL controller. */
package io.tiexin.meeting.internal;
