package io.takedown.range;

/**
 * An original article with its image, on the outlet's primary domain.
 *
 * @param id e.g. {@code o02-a0017}
 */
public record Article(Outlet outlet, int number, String id, String language, String title, String text,
                      String domain, String provider) {

    public String url() {
        return "http://" + domain + "/articles/" + number + ".html";
    }

    public String imageUrl() {
        return "http://" + domain + "/media/" + number + ".png";
    }
}
