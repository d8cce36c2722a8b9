/**
 * PDQ hashes that survive what re-uploaders do to evade matching. Bank side ({@link
 * io.takedown.signals.robust.RobustHashing#bankVariants}): the image in its seven other true pixel orientations
 * (PDQ's own dihedral hashes come from the DCT and land 28-40 bits from a pixel-mirrored copy), without its
 * uniform borders, its middle, and its own large panels. Query side ({@link
 * io.takedown.signals.robust.RobustHashing#queryVariants}): the image without uniform borders, the panels and
 * runs of panels it is cut into along uniform rows and columns (collages, screenshots of an app, caption
 * bands), and, when the corners show a small rotation, the middle turned back both ways. Neither side knows
 * the banks; the caller stores or searches the hashes.
 */
package io.takedown.signals.robust;
