/** A small scenario for {@code takedown serve --demo}, made through the services only. */
package io.takedown.server.demo;
