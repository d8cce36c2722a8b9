/**
 * After the strike: how fast each provider and country removed (time from receipt to removal), what
 * resurfaced and which new mirrors appeared at +1 h, +24 h and +7 days after H-hour, and a report a
 * coordinator hands to the participating countries, as HTML with inline SVG charts and as PDF. What came
 * back is observed through a {@link io.takedown.operations.afteraction.ResurfacingSource}: the monitor's
 * detection when it runs, the range's ground truth in the demo, and the report says which.
 */
package io.takedown.operations.afteraction;
