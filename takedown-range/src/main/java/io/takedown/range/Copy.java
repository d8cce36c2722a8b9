package io.takedown.range;

import java.util.Optional;

/**
 * A re-upload of an article's image or text on one of the outlet's mirror domains.
 *
 * @param transform how the image was altered; empty for a text copy
 */
public record Copy(String id, Article original, int number, Optional<Transform> transform, String domain,
                   String provider) {

    public boolean image() {
        return transform.isPresent();
    }

    public String url() {
        return "http://" + domain + (image() ? "/m/" + id + ".html" : "/t/" + id + ".html");
    }

    public String mediaUrl() {
        return "http://" + domain + "/m/" + id + (transform.map(Transform::lossless).orElse(true) ? ".png" : ".jpg");
    }
}
