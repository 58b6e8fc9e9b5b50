package io.tiexin.petition;

/**
 * A kind of petition.
 *
 * @param sensitive exact location and contact are shown only to those handling the case
 */
public record Category(String code, String name, HandlingLevel defaultLevel, boolean sensitive) {
}
