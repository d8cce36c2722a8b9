package io.takedown.server.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** Renders the console's templates, compiled to classes at build time (no template compiler at run time). */
final class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
            "io.takedown.server.console.templates");

    void page(Context ctx, String template, Object view) {
        ctx.contentType("text/html; charset=utf-8").result(render(template, Map.of("view", view)));
    }

    String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
