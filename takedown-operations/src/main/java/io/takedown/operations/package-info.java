/**
 * Action days: a coordinator's plan to strike many providers in many countries at one H-hour, within the
 * law. {@code plan} owns the plan, its targets, each agency's go/no-go and the signed frozen plan;
 * {@code deconfliction} the "do not touch" entries of ongoing investigations and the conflicts they raise;
 * {@code dispatch} what fires at H-hour and how it is sent; {@code board} the live view per provider and
 * country; {@code afteraction} what came back and how fast providers removed, as a report to hand out.
 * Orders themselves stay in {@code io.takedown.orders}: an action day drafts, approves and sends them through
 * the order workflow, never beside it.
 */
package io.takedown.operations;
