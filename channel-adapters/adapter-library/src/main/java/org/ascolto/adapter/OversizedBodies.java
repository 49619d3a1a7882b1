package org.ascolto.adapter;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import org.ascolto.support.problem.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} is answered 413 at once, as
 * Quarkus answers it but with an RFC 9457 problem body, and its connection is closed only once the sender has sent the
 * body it announced (at most {@link #LINGER} later). Quarkus closes right after its 413 with the body unread, and a
 * socket closed with unread bytes is reset by the kernel, which can destroy the 413 before the sender reads it: the
 * sender saw no answer at all (RFC 9112, 9.6: a server closing a connection should keep reading until the client is
 * done).
 */
@ApplicationScoped
public class OversizedBodies {

    static final int TOO_LARGE = 413;
    /** How long a sender may go on sending a refused body before its connection is closed anyway. */
    static final Duration LINGER = Duration.ofSeconds(10);

    /** The configured limit, or none: then Quarkus takes any length and this refuses nothing. */
    private final Optional<Long> maxBytes;
    /** The 413's problem body, the same for every refusal. */
    private final String problem;
    private final ChannelMetrics metrics;
    private final Vertx vertx;

    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ChannelMetrics metrics, Vertx vertx, ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = limit.map(MemorySize::asLongValue);
        this.problem = json.writeValueAsString(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the body is longer than the " + maxBytes.orElse(0L) + " bytes this endpoint takes"));
        this.metrics = metrics;
        this.vertx = vertx;
    }

    void route(@Observes Router router) {
        if (maxBytes.isPresent()) {
            // before Quarkus's own check, which would answer and close first
            router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversized);
        }
    }

    private void refuseOversized(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (announcedLength(request) <= maxBytes.orElseThrow()) {
            context.next();
            return;
        }
        metrics.rejected(TOO_LARGE);
        Promise<Void> bodySent = Promise.promise();
        long linger = vertx.setTimer(LINGER.toMillis(), expired -> bodySent.tryComplete());
        if (request.isEnded()) {
            bodySent.tryComplete();
        } else {
            request.handler(discarded -> {
            });
            request.endHandler(ended -> bodySent.tryComplete());
            request.exceptionHandler(failed -> bodySent.tryComplete());
            request.resume();
        }
        Future<Void> answered = context.response().setStatusCode(TOO_LARGE).putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem);
        Future.join(answered, bodySent.future()).onComplete(done -> {
            vertx.cancelTimer(linger);
            request.connection().close();
        });
    }

    private static long announcedLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
