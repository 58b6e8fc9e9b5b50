/** Command-line helpers: the progress bar of the import and generation commands. */
@org.springframework.modulith.NamedInterface("console")
package io.tiexin.shared.console;
