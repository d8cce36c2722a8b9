/**
 * The plan of an action day: coordinator, H-hour, participating agencies and their targets (removal orders
 * or referrals drafted from their cases), grouped per provider and country; each agency's go/no-go with
 * four eyes inside the agency; the freeze, which checks the Regulation's prior notice against H-hour and
 * signs the whole plan with the coordinator's key.
 */
package io.takedown.operations.plan;
