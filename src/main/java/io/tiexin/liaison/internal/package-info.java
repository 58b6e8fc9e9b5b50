/** The liaison module's entities, repositories, services and web layer. */
package io.tiexin.liaison.internal;
