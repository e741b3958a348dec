package io.battleroyale.gateway;

import io.battleroyale.model.Fill;
import io.battleroyale.model.wire.OrderMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The gateway's order intake and book, without HTTP: idempotency on {@code client_order_id}, hard
 * limits, journaling before acknowledging, routing, and positions from fills.
 *
 * <p>Locking: a striped lock per {@code client_order_id} makes concurrent repeats of one id wait
 * for the first to finish (so they see its result, never create a second order); the book lock
 * guards the in-memory state and the journal and is held only for local work, never across a broker
 * call. Lock order is always stripe, then book.
 */
final class OrderDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderDesk.class);
    private static final int STRIPES = 256;
    private static final double EPSILON = 1e-9;

    private final Journal journal;
    private final ExecutionRoute route;
    private final boolean routeNeedsPrice;
    private final double maxOrderNotional;
    private final double maxPosition;
    private final EventSink events;
    private final LongSupplier clock;
    private final Object[] stripes = new Object[STRIPES];
    private final Object bookLock = new Object();

    // guarded by bookLock
    private final LinkedHashMap<String, GatewayOrder> orders = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private final TreeMap<String, Book> books = new TreeMap<>();
    private final Map<String, Double> openQuantity = new HashMap<>();
    private final Map<String, LastPrice> lastPrices = new HashMap<>();

    private record LastPrice(double price, long ts) {}

    /** Mutable average-cost position of one symbol. */
    private static final class Book {
        double quantity;
        double avgPrice;
        double realizedPnl;
        double commission;

        void apply(Fill fill) {
            double q = fill.side().sign() * fill.quantity();
            commission += fill.commission();
            if (Math.abs(quantity) < EPSILON || Math.signum(q) == Math.signum(quantity)) {
                double total = Math.abs(quantity) + Math.abs(q);
                avgPrice = (avgPrice * Math.abs(quantity) + fill.price() * Math.abs(q)) / total;
                quantity += q;
                return;
            }
            double closing = Math.min(Math.abs(q), Math.abs(quantity));
            realizedPnl += closing * (fill.price() - avgPrice) * Math.signum(quantity);
            double after = quantity + q;
            if (Math.abs(after) < EPSILON) {
                quantity = 0;
                avgPrice = 0;
            } else {
                if (Math.signum(after) != Math.signum(quantity)) {
                    avgPrice = fill.price(); // flipped: the remainder opened at this price
                }
                quantity = after;
            }
        }
    }

    /** The answer to a submission: the order and whether this call created it. */
    record Submission(GatewayOrder order, boolean created) {}

    private OrderDesk(
            Journal journal,
            ExecutionRoute route,
            boolean routeNeedsPrice,
            double maxOrderNotional,
            double maxPosition,
            EventSink events,
            LongSupplier clock) {
        this.journal = journal;
        this.route = route;
        this.routeNeedsPrice = routeNeedsPrice;
        this.maxOrderNotional = maxOrderNotional;
        this.maxPosition = maxPosition;
        this.events = events;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Rebuilds the desk from everything the journal holds. */
    static OrderDesk recover(
            Journal journal,
            ExecutionRoute route,
            boolean routeNeedsPrice,
            double maxOrderNotional,
            double maxPosition,
            EventSink events,
            LongSupplier clock)
            throws IOException {
        OrderDesk desk =
                new OrderDesk(
                        journal,
                        route,
                        routeNeedsPrice,
                        maxOrderNotional,
                        maxPosition,
                        events,
                        clock);
        synchronized (desk.bookLock) {
            int pending = 0;
            for (GatewayOrder order : journal.loadOrders()) {
                desk.orders.put(order.clientOrderId(), order);
                if (order.status().isOpen()) {
                    desk.openQuantity.merge(order.symbol(), order.signedQuantity(), Double::sum);
                }
                if (order.status() == OrderStatus.PENDING) {
                    pending++;
                }
            }
            for (Fill fill : journal.loadFills()) {
                desk.fills.add(fill);
                desk.books.computeIfAbsent(fill.symbol(), s -> new Book()).apply(fill);
            }
            LOG.info(
                    "journal recovered: {} orders ({} pending), {} fills",
                    desk.orders.size(),
                    pending,
                    desk.fills.size());
        }
        return desk;
    }

    /**
     * Accepts an order once. A repeat of a known id returns the original (retrying the route if it
     * is still pending) and creates nothing.
     *
     * @throws ApiException 409 if the id is known with a different trade, 422 if a hard limit is
     *     breached or no price is known where one is needed, 502 if the broker could not be reached
     *     (the order stays journaled as pending), 500 if the journal cannot be written
     */
    Submission submit(OrderMessage request) {
        synchronized (stripe(request.clientOrderId())) {
            GatewayOrder existing;
            synchronized (bookLock) {
                existing = orders.get(request.clientOrderId());
            }
            if (existing != null) {
                if (!existing.message().sameTradeAs(request)) {
                    throw new ApiException(
                            409,
                            "client_order_id",
                            "client_order_id "
                                    + request.clientOrderId()
                                    + " is already used by a different order",
                            existing);
                }
                if (existing.status() == OrderStatus.PENDING) {
                    existing = dispatch(existing);
                }
                return new Submission(existing, false);
            }
            GatewayOrder pending;
            synchronized (bookLock) {
                checkLimits(request);
                pending = GatewayOrder.pending(request, route.name(), clock.getAsLong());
                try {
                    journal.insertOrder(pending);
                } catch (IOException e) {
                    LOG.error("cannot journal order {}", request.clientOrderId(), e);
                    throw new ApiException(500, null, "journal write failed; order not accepted");
                }
                orders.put(pending.clientOrderId(), pending);
                openQuantity.merge(pending.symbol(), pending.signedQuantity(), Double::sum);
                events.publish("order", pending);
            }
            return new Submission(dispatch(pending), true);
        }
    }

    private GatewayOrder dispatch(GatewayOrder order) {
        double price;
        synchronized (bookLock) {
            price = bestPrice(order.symbol(), order.referencePrice());
        }
        RouteResult result;
        try {
            result = route.submit(order, price);
        } catch (RouteException e) {
            LOG.warn(
                    "route {} failed for order {}: {}",
                    route.name(),
                    order.clientOrderId(),
                    e.getMessage());
            throw new ApiException(
                    502,
                    null,
                    "route "
                            + route.name()
                            + " failed: "
                            + e.getMessage()
                            + "; the order is journaled as pending, repeat the POST to retry",
                    order);
        }
        synchronized (bookLock) {
            GatewayOrder updated = order.withOutcome(result, clock.getAsLong());
            Fill fill = null;
            if (result.status() == OrderStatus.FILLED && result.fillPrice() != null) {
                fill =
                        new Fill(
                                order.clientOrderId(),
                                order.agent(),
                                order.symbol(),
                                order.side(),
                                result.filledQty(),
                                result.fillPrice(),
                                result.commission(),
                                order.ts());
            }
            try {
                journal.recordOutcome(updated, fill);
            } catch (IOException e) {
                LOG.error("cannot journal outcome of order {}", order.clientOrderId(), e);
                throw new ApiException(
                        500,
                        null,
                        "journal write failed; the order stays pending, repeat the POST to retry",
                        order);
            }
            orders.put(updated.clientOrderId(), updated);
            if (order.status().isOpen() && !updated.status().isOpen()) {
                openQuantity.merge(order.symbol(), -order.signedQuantity(), Double::sum);
            }
            events.publish("order", updated);
            if (fill != null) {
                fills.add(fill);
                books.computeIfAbsent(fill.symbol(), s -> new Book()).apply(fill);
                events.publish("fill", fill);
                events.publish("position", position(fill.symbol()));
            }
            LOG.info(
                    "order {} {} {} {} {} -> {}",
                    updated.clientOrderId(),
                    updated.agent(),
                    updated.side(),
                    updated.quantity(),
                    updated.symbol(),
                    updated.status().name().toLowerCase(Locale.ROOT));
            return updated;
        }
    }

    // bookLock held
    private void checkLimits(OrderMessage request) {
        double price = bestPrice(request.symbol(), request.referencePrice());
        boolean noPrice = Double.isNaN(price);
        if (noPrice && (routeNeedsPrice || Double.isFinite(maxOrderNotional))) {
            throw ApiException.unprocessable(
                    "reference_price",
                    "no price known for "
                            + request.symbol()
                            + ": send reference_price or POST /v1/prices first");
        }
        if (Double.isFinite(maxOrderNotional)) {
            double notional = request.quantity() * price;
            if (notional > maxOrderNotional) {
                throw ApiException.unprocessable(
                        "quantity",
                        String.format(
                                Locale.ROOT,
                                "max_order_notional breached: %s × %s = %.2f > %.2f",
                                num(request.quantity()),
                                num(price),
                                notional,
                                maxOrderNotional));
            }
        }
        if (Double.isFinite(maxPosition)) {
            Book book = books.get(request.symbol());
            double current =
                    (book == null ? 0 : book.quantity)
                            + openQuantity.getOrDefault(request.symbol(), 0.0);
            double resulting = current + request.side().sign() * request.quantity();
            // an order that shrinks an already oversized position is let through
            if (Math.abs(resulting) > maxPosition + EPSILON
                    && Math.abs(resulting) > Math.abs(current)) {
                throw ApiException.unprocessable(
                        "quantity",
                        String.format(
                                Locale.ROOT,
                                "max_position breached for %s: position %s (filled and open) %s %s"
                                        + " would be %s, limit %s",
                                request.symbol(),
                                num(current),
                                request.side() == io.battleroyale.model.Side.BUY ? "+" : "-",
                                num(request.quantity()),
                                num(resulting),
                                num(maxPosition)));
            }
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.valueOf((long) v)
                : String.valueOf(v);
    }

    // bookLock held; NaN when unknown
    private double bestPrice(String symbol, @Nullable Double referencePrice) {
        LastPrice last = lastPrices.get(symbol);
        if (last != null) {
            return last.price();
        }
        return referencePrice != null ? referencePrice : Double.NaN;
    }

    /** Records the last price of a symbol; an update older than the one held is ignored. */
    void updatePrice(String symbol, double price, long ts) {
        synchronized (bookLock) {
            LastPrice held = lastPrices.get(symbol);
            if (held == null || ts >= held.ts()) {
                lastPrices.put(symbol, new LastPrice(price, ts));
            }
        }
    }

    List<GatewayOrder> orders() {
        synchronized (bookLock) {
            return List.copyOf(orders.values());
        }
    }

    Optional<GatewayOrder> order(String clientOrderId) {
        synchronized (bookLock) {
            return Optional.ofNullable(orders.get(clientOrderId));
        }
    }

    List<Fill> fills() {
        synchronized (bookLock) {
            return List.copyOf(fills);
        }
    }

    List<Position> positions() {
        synchronized (bookLock) {
            List<Position> out = new ArrayList<>(books.size());
            for (String symbol : books.keySet()) {
                out.add(position(symbol));
            }
            return out;
        }
    }

    // bookLock held
    private Position position(String symbol) {
        Book b = books.get(symbol);
        LastPrice last = lastPrices.get(symbol);
        return new Position(
                symbol,
                b.quantity,
                b.avgPrice,
                b.realizedPnl,
                b.commission,
                last == null ? null : last.price());
    }

    private Object stripe(String clientOrderId) {
        return stripes[Math.floorMod(clientOrderId.hashCode(), STRIPES)];
    }

    @Override
    public void close() throws IOException {
        synchronized (bookLock) {
            route.close();
            journal.close();
        }
    }
}
