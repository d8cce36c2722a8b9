package io.takedown.cases;

import io.takedown.access.AgencyKind;
import java.util.Optional;

/** An organisation in the directory; providers carry the endpoint that receives notices and orders. */
public record Agency(long id, String code, String name, String country, AgencyKind kind, Optional<String> endpoint) {
}
