/**
 * The directory (agencies, users, roles), cases and their items, referrals, and the cross-agency
 * duplicate check that runs before anything is sent to a provider.
 */
package io.takedown.cases;
