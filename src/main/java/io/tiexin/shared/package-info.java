/**
 * What every module shares: the domain error type with its stable GraphQL error codes,
 * and the one resolver that turns errors into {@code extensions.code}.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.tiexin.shared;
