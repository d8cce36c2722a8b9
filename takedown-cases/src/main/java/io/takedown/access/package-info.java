/**
 * Who may do what: roles and actions ({@link io.takedown.access.Policy}), handling codes on cases and
 * items, and the acting user. Enforced in the services, not only in a user interface.
 */
package io.takedown.access;
