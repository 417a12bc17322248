#!/usr/bin/env python3
"""Writes the five obsaga Grafana dashboards (JSON) next to this script.

The JSON files are committed and are what Grafana loads; this script is how they are written (one place for the
layout, the data source and the PromQL), so edit here and run `python3 generate_dashboards.py`. infra-tests checks
the JSON (valid, unique panel ids, every query parses, every query returns data against the real services, every
metric it names exists) whoever wrote it.

Conventions: data source uid "prometheus" (provisioned); `$service`, `$queue`, ... are multi-value variables with
an "All" value of `.*`, so every selector uses `=~`; rates use `$__rate_interval`; histogram panels ask for
exemplars (trace_id -> Jaeger). Error ratios use `(errors or total * 0) / total` so a healthy service shows 0, not
"no data", while a renamed metric still leaves the panel empty.
"""
import json
import os

DS = {"type": "prometheus", "uid": "prometheus"}
HERE = os.path.dirname(os.path.abspath(__file__))
RATE = "$__rate_interval"


def var(name, query, label=None, all_value=".*", multi=True, hide=0):
    return {
        "name": name,
        "label": label or name,
        "type": "query",
        "datasource": DS,
        "definition": query,
        "query": {"query": query, "refId": name},
        "refresh": 2,
        "includeAll": True,
        "multi": multi,
        "allValue": all_value,
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        "sort": 1,
        "hide": hide,
    }


class Board:
    def __init__(self, uid, title, description, variables):
        self.uid, self.title, self.description, self.variables = uid, title, description, variables
        self.panels, self.next_id, self.x, self.y, self.row_h = [], 1, 0, 0, 0

    def row(self, title):
        if self.x:
            self.x, self.y = 0, self.y + self.row_h
        self.panels.append({"id": self.next_id, "type": "row", "title": title, "collapsed": False,
                            "gridPos": {"x": 0, "y": self.y, "w": 24, "h": 1}, "panels": []})
        self.next_id += 1
        self.y += 1
        self.row_h = 0

    def panel(self, title, targets, unit="short", kind="timeseries", w=12, h=8, description="", stack=False,
              thresholds=None, decimals=None, min_zero=True):
        if self.x + w > 24:
            self.x, self.y = 0, self.y + self.row_h
            self.row_h = 0
        defaults = {"unit": unit}
        if decimals is not None:
            defaults["decimals"] = decimals
        if min_zero and kind == "timeseries":
            defaults["min"] = 0
        if kind == "timeseries":
            defaults["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10 if stack else 0,
                                  "stacking": {"mode": "normal" if stack else "none", "group": "A"},
                                  "showPoints": "never"}
        if thresholds:
            defaults["thresholds"] = {"mode": "absolute", "steps": thresholds}
            if kind == "timeseries":
                defaults["custom"]["thresholdsStyle"] = {"mode": "line"}
        ts = []
        for i, t in enumerate(targets):
            expr, legend = t[0], t[1]
            exemplar = len(t) > 2 and t[2]
            ts.append({"refId": chr(ord("A") + i), "datasource": DS, "expr": expr, "legendFormat": legend,
                       "range": kind == "timeseries", "instant": kind != "timeseries", "exemplar": bool(exemplar)})
        p = {"id": self.next_id, "type": kind, "title": title, "description": description, "datasource": DS,
             "gridPos": {"x": self.x, "y": self.y, "w": w, "h": h}, "targets": ts,
             "fieldConfig": {"defaults": defaults, "overrides": []}}
        if kind == "timeseries":
            p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
                            "tooltip": {"mode": "multi", "sort": "desc"}}
        elif kind == "stat":
            p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                            "colorMode": "background", "graphMode": "none", "textMode": "value_and_name"}
        self.panels.append(p)
        self.next_id += 1
        self.x += w
        self.row_h = max(self.row_h, h)
        return p["id"]

    def text(self, title, content, w=24, h=5):
        if self.x + w > 24:
            self.x, self.y = 0, self.y + self.row_h
            self.row_h = 0
        self.panels.append({"id": self.next_id, "type": "text", "title": title,
                            "gridPos": {"x": self.x, "y": self.y, "w": w, "h": h},
                            "options": {"mode": "markdown", "content": content}})
        self.next_id += 1
        self.x += w
        self.row_h = max(self.row_h, h)

    def write(self):
        board = {
            "uid": self.uid, "title": self.title, "description": self.description, "tags": ["obsaga"],
            "editable": True, "graphTooltip": 1, "schemaVersion": 39, "version": 1, "refresh": "30s",
            "time": {"from": "now-1h", "to": "now"}, "timezone": "browser",
            "annotations": {"list": []},
            "links": [{"title": "obsaga dashboards", "type": "dashboards", "tags": ["obsaga"], "asDropdown": True,
                       "includeVars": True, "keepTime": True}],
            "templating": {"list": self.variables},
            "panels": self.panels,
        }
        with open(os.path.join(HERE, self.uid + ".json"), "w") as f:
            json.dump(board, f, indent=2)
            f.write("\n")


def ratio(errors_selector, total_selector, by):
    """errors / total per `by`, 0 (not empty) when there is traffic and no error."""
    return (f"(sum by ({by}) (rate({errors_selector}[{RATE}])) or sum by ({by}) (rate({total_selector}[{RATE}])) * 0)"
            f" / sum by ({by}) (rate({total_selector}[{RATE}]))")


def quantiles(metric, selector, by, legend):
    return [(f"histogram_quantile({q}, sum by ({by}, le) (rate({metric}_bucket{{{selector}}}[{RATE}])))",
             f"p{int(q * 100)} {legend}", True) for q in (0.5, 0.95, 0.99)]


SVC = 'service=~"$service"'
HTTP = "http_server_requests_seconds"

# ------------------------------------------------------------------------------------------------- 1 Overview
b = Board("obsaga-overview", "obsaga / 1 Overview — golden signals",
          "Golden signals per service: traffic, errors, latency (with exemplars to traces), saturation.",
          [var("service", 'label_values(up{job="obsaga-services"}, service)')])
b.row("Availability and traffic")
b.panel("Up", [(f'up{{job="obsaga-services",{SVC}}}', "{{service}}")], kind="stat", w=6, h=6,
        thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 1}],
        description="1 = Prometheus scrapes the service's management port. Alert ServiceDown: 0 for 1 minute.")
b.panel("Request rate", [(f"sum by (service) (rate({HTTP}_count{{{SVC}}}[{RATE}]))", "{{service}}")],
        unit="reqps", w=9, h=6, description="HTTP requests per second (gRPC calls to customers included).")
b.panel("5xx error ratio", [(ratio(f'{HTTP}_count{{{SVC},status=~"5.."}}', f"{HTTP}_count{{{SVC}}}", "service"),
                             "{{service}}")], unit="percentunit", w=9, h=6,
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 0.05}],
        description="Share of requests answered 5xx. Alert HighErrorRatio: over 5 % for 5 minutes.")
b.row("Latency")
b.panel("Latency p50 / p95 / p99", quantiles(HTTP, SVC, "service", "{{service}}"), unit="s", w=12, h=9,
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 0.3}],
        description="From the HTTP histogram; the diamonds are exemplars (click: the trace in Jaeger). "
                    "Alert LatencyP95AboveSlo: p95 over 300 ms for 10 minutes.")
b.panel("Requests by status", [(f"sum by (service, status) (rate({HTTP}_count{{{SVC}}}[{RATE}]))",
                                "{{service}} {{status}}")], unit="reqps", w=12, h=9, stack=True)
b.panel("p95 latency by endpoint",
        [(f"histogram_quantile(0.95, sum by (service, method, uri, le) (rate({HTTP}_bucket{{{SVC}}}[{RATE}])))",
          "{{service}} {{method}} {{uri}}", True)], unit="s", w=12, h=9)
b.panel("gRPC calls by status code (client side)",
        [(f"sum by (service, grpc_service, method, statusCode) "
          f"(rate(grpc_client_processing_duration_seconds_count{{{SVC}}}[{RATE}]))",
          "{{service}} → {{method}} {{statusCode}}")], unit="reqps", w=12, h=9,
        description="GetCustomer as orders and notifications see it; DEADLINE_EXCEEDED / UNAVAILABLE make "
                    "orders answer 503.")
b.panel("gRPC server latency p95 (customers' GetCustomer)",
        [(f"histogram_quantile(0.95, sum by (service, method, le) "
          f"(rate(grpc_server_processing_duration_seconds_bucket{{{SVC}}}[{RATE}])))", "{{service}} {{method}}", True)],
        unit="s", w=12, h=8, description="orders waits at most 800 ms for it (OBSAGA_CUSTOMERS_DEADLINE).")
b.panel("gRPC server calls by status code",
        [(f"sum by (service, method, statusCode) (rate(grpc_server_processing_duration_seconds_count{{{SVC}}}[{RATE}]))",
          "{{service}} {{method}} {{statusCode}}")], unit="reqps", w=12, h=8)
b.row("Saturation")
b.panel("CPU (process)", [(f"process_cpu_usage{{{SVC}}}", "{{service}}")], unit="percentunit", w=6)
b.panel("Heap used", [(f'sum by (service) (jvm_memory_used_bytes{{{SVC},area="heap"}})', "{{service}}")],
        unit="bytes", w=6)
b.panel("Worker pool queue", [(f"sum by (service) (worker_pool_queue_size{{{SVC}}})", "{{service}}")], w=6,
        description="Blocking tasks waiting for a worker thread.")
b.panel("DB pool: waiting for a connection", [(f"sum by (service) (sql_pool_queue_size{{{SVC}}})", "{{service}}")],
        w=6, description="Queries waiting for one of the DB_POOL_MAX_SIZE connections.")
b.panel("Fault injection active", [(f"max by (service, kind) (fault_injection_active{{{SVC}}})",
                                     "{{service}} {{kind}}")], w=24, h=5,
        description="1 while a fault knob (OBSAGA_FAULTS_ENABLED) is switched on: expect alerts.")
b.write()

# ------------------------------------------------------------------------------------------------ 2 Messaging
b = Board("obsaga-messaging", "obsaga / 2 Messaging — outbox, broker, consumers",
          "Our seven messaging metrics per exchange / queue, and RabbitMQ's own view: depth, unacked, "
          "redeliveries, consumers, dead letters.",
          [var("service", 'label_values(up{job="obsaga-services"}, service)'),
           var("exchange", "label_values(obsaga_messaging_publish_total, exchange)"),
           var("queue", "label_values(obsaga_messaging_consume_total, queue)"),
           var("vhost", "label_values(rabbitmq_queue_messages, vhost)")])
SQ = f'{SVC},queue=~"$queue"'
SE = f'{SVC},exchange=~"$exchange"'
b.row("Publishing (outbox relay → broker)")
b.panel("Publishes by outcome", [(f"sum by (service, exchange, routing_key, outcome) "
                                  f"(rate(obsaga_messaging_publish_total{{{SE}}}[{RATE}]))",
                                  "{{service}} {{routing_key}} {{outcome}}")], unit="ops", w=8)
b.panel("Publish errors", [(f'sum by (service, exchange) (rate(obsaga_messaging_publish_total{{{SE},outcome="error"}}[{RATE}]))'
                            f" or sum by (service, exchange) (rate(obsaga_messaging_publish_total{{{SE}}}[{RATE}])) * 0",
                            "{{service}} → {{exchange}}")], unit="ops", w=8,
        description="Broker nacks and confirms that did not come in time. Alert PublishErrors: any, for 5 minutes.")
b.panel("Publish → broker confirm p95", [(f"histogram_quantile(0.95, sum by (service, exchange, routing_key, le) "
                                          f"(rate(obsaga_messaging_publish_duration_seconds_bucket{{{SE}}}[{RATE}])))",
                                          "{{service}} {{routing_key}}", True)], unit="s", w=8)
b.row("Consuming")
b.panel("Time in queue (publish → delivery)", quantiles("obsaga_messaging_queue_time_seconds", SQ, "queue", "{{queue}}"),
        unit="s", w=12, thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 1}],
        description="Alert QueueTimeP95High: p95 over 1 s for 10 minutes.")
b.panel("Handler duration p95 by outcome", [(f"histogram_quantile(0.95, sum by (queue, outcome, le) "
                                             f"(rate(obsaga_messaging_process_duration_seconds_bucket{{{SQ}}}[{RATE}])))",
                                             "{{queue}} {{outcome}}", True)], unit="s", w=12)
b.panel("Deliveries by outcome (ack / retry / dead_letter)",
        [(f"sum by (queue, outcome) (rate(obsaga_messaging_consume_total{{{SQ}}}[{RATE}]))", "{{queue}} {{outcome}}")],
        unit="ops", w=12, stack=True, description="Alert ConsumerRetries: over 10 % retried for 5 minutes.")
b.panel("Dead-lettered by our consumers",
        [(f'sum by (queue) (rate(obsaga_messaging_consume_total{{{SQ},outcome="dead_letter"}}[{RATE}]))'
          f" or sum by (queue) (rate(obsaga_messaging_consume_total{{{SQ}}}[{RATE}])) * 0", "{{queue}}")],
        unit="ops", w=12)
b.panel("Outbox: events waiting", [(f"max by (service) (obsaga_outbox_pending_events{{{SVC}}})", "{{service}}")], w=12,
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 500}],
        description="Rows not yet confirmed by the broker. Alert OutboxBacklog: over 500 for 5 minutes.")
b.row("Broker (RabbitMQ's own metrics)")
VH = 'vhost=~"$vhost"'
b.panel("Queue depth (ready)", [(f'sum by (vhost, queue) (rabbitmq_queue_messages_ready{{{VH},queue!~".*dlq"}})',
                                 "{{vhost}} {{queue}}")], w=12,
        description="Alerts QueueBacklogGrowing (over 1000 and growing) and QueueWithoutConsumer.")
b.panel("Unacknowledged (delivered, in a handler)",
        [(f"sum by (vhost, queue) (rabbitmq_queue_messages_unacked{{{VH}}})", "{{vhost}} {{queue}}")], w=12,
        description="At most max-outstanding-messages (128) per consumer.")
b.panel("Dead-letter queue depth", [(f'sum by (vhost, queue) (rabbitmq_queue_messages{{{VH},queue=~".*dlq"}})',
                                     "{{vhost}} {{queue}}")], w=8,
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 1}],
        description="Alert DeadLetterMessages: any message, for 1 minute.")
b.panel("Redeliveries (broker-wide)", [(f"sum(rate(rabbitmq_global_messages_redelivered_total[{RATE}]))",
                                        "redelivered")], unit="ops", w=8,
        description="Messages delivered again after a nack/requeue or a lost channel.")
b.panel("Consumers per queue", [(f"sum by (vhost, queue) (rabbitmq_queue_consumers{{{VH}}})", "{{vhost}} {{queue}}")],
        w=8)
b.write()

# ------------------------------------------------------------------------------------------------- 3 Business
b = Board("obsaga-business", "obsaga / 3 Business — orders, payments, revenue",
          "What the saga does for the business: orders placed and completed, revenue, saga duration.", [])
b.row("Orders")
b.panel("Orders placed per minute", [(f"sum(rate(orders_placed_total[{RATE}])) * 60", "placed")], unit="short", w=8)
b.panel("Orders in flight (placed − completed)",
        [("sum by (service) (orders_placed_total) - (sum by (service) (orders_completed_total) "
          "or sum by (service) (orders_placed_total) * 0)", "PENDING")], w=8,
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 25}],
        description="Since the orders process started. Alert OrdersStuckPending: over 25 for 5 minutes.")
b.panel("Confirmed vs rejected per minute", [(f"sum by (status) (rate(orders_completed_total[{RATE}])) * 60",
                                              "{{status}}")], w=8, stack=True)
b.panel("Saga duration (created → final) p50 / p95 / p99",
        quantiles("order_saga_duration_seconds", "", "service", ""), unit="s", w=12,
        description="Exemplars link to the trace of the order.")
b.panel("Rejection ratio", [(ratio('orders_completed_total{status="REJECTED"}', "orders_completed_total",
                                   "service"), "rejected")], unit="percentunit", w=12,
        description="Declined cards: business, not an incident — a jump means a gateway or decline-rule change.")
b.row("Payments and revenue")
b.panel("Revenue per minute by currency", [(f"sum by (currency) (rate(payments_amount_total[{RATE}])) * 60",
                                            "{{currency}}")], w=8)
b.panel("Revenue in the time range", [("sum by (currency) (increase(payments_amount_total[$__range]))",
                                       "{{currency}}")], kind="stat", w=8, decimals=2)
b.panel("Payments by outcome", [(f"sum by (outcome) (rate(payments_total[{RATE}])) * 60", "{{outcome}}")], w=8,
        stack=True)
b.row("Customers and notifications")
b.panel("Customers registered per minute", [(f"sum(rate(customers_registered_total[{RATE}])) * 60", "registered")],
        w=12)
b.panel("Notifications sent by type and outcome",
        [(f"sum by (type, outcome) (rate(notifications_sent_total[{RATE}])) * 60", "{{type}} {{outcome}}")], w=12,
        stack=True)
b.write()

# -------------------------------------------------------------------------------------- 4 JVM and saturation
b = Board("obsaga-jvm", "obsaga / 4 JVM and saturation",
          "Memory, GC, CPU, threads, Vert.x event loops and worker pool, reactive SQL pool, per service.",
          [var("service", 'label_values(up{job="obsaga-services"}, service)')])
b.row("Memory and GC")
b.panel("Heap used by pool", [(f'sum by (service, id) (jvm_memory_used_bytes{{{SVC},area="heap"}})',
                               "{{service}} {{id}}")], unit="bytes", w=12, stack=True)
b.panel("Non-heap used", [(f'sum by (service) (jvm_memory_used_bytes{{{SVC},area="nonheap"}})', "{{service}}")],
        unit="bytes", w=12)
b.panel("GC pause time per second", [(f"sum by (service, gc) (rate(jvm_gc_pause_seconds_sum{{{SVC}}}[{RATE}]))",
                                      "{{service}} {{gc}}")], unit="percentunit", w=12,
        description="Fraction of wall time spent in GC pauses.")
b.panel("Longest GC pause", [(f"max by (service) (jvm_gc_pause_seconds_max{{{SVC}}})", "{{service}}")], unit="s",
        w=12)
b.row("CPU and threads")
b.panel("CPU: process and machine", [(f"process_cpu_usage{{{SVC}}}", "{{service}} process"),
                                      (f"max by (service) (system_cpu_usage{{{SVC}}})", "{{service}} machine")],
        unit="percentunit", w=12)
b.panel("Live threads", [(f"jvm_threads_live_threads{{{SVC}}}", "{{service}}")], w=12)
b.row("Vert.x: event loops and worker pool")
b.panel("Event loop: tasks pending", [(f"sum by (service, name) (netty_eventexecutor_tasks_pending{{{SVC}}})",
                                       "{{service}} {{name}}")], w=8,
        description="Tasks queued on each event loop; growing means something blocks an event loop.")
b.panel("Worker pool: active and queued", [(f"sum by (service) (worker_pool_active{{{SVC}}})", "{{service}} active"),
                                           (f"sum by (service) (worker_pool_queue_size{{{SVC}}})",
                                            "{{service}} queued")], w=8)
b.panel("Worker pool: mean wait for a thread",
        [(f"sum by (service) (rate(worker_pool_queue_delay_seconds_sum{{{SVC}}}[{RATE}])) / "
          f"sum by (service) (rate(worker_pool_queue_delay_seconds_count{{{SVC}}}[{RATE}]))", "{{service}}")],
        unit="s", w=8)
b.row("Database pool (reactive PostgreSQL)")
b.panel("Connections in use / idle", [(f"sum by (service) (sql_pool_active{{{SVC}}})", "{{service}} in use"),
                                      (f"sum by (service) (sql_pool_idle{{{SVC}}})", "{{service}} idle")], w=8)
b.panel("Waiting for a connection", [(f"sum by (service) (sql_pool_queue_size{{{SVC}}})", "{{service}}")], w=8)
b.panel("Mean wait for a connection",
        [(f"sum by (service) (rate(sql_pool_queue_delay_seconds_sum{{{SVC}}}[{RATE}])) / "
          f"sum by (service) (rate(sql_pool_queue_delay_seconds_count{{{SVC}}}[{RATE}]))", "{{service}}")],
        unit="s", w=8)
b.write()

# ------------------------------------------------------------------------------------------------------ 5 SLOs
ORDERS = 'service="orders",method="POST",uri="/orders"'
b = Board("obsaga-slo", "obsaga / 5 SLOs — order placement",
          "Availability: 99.5 % of order placements succeed (not 5xx). Latency: 95 % of order placements under "
          "300 ms. Both over 30 days; burn rate 1 = spending the budget exactly in 30 days.", [])
b.text("The SLOs", "**Availability** — 99.5 % of `POST /orders` answer something other than 5xx (4xx are the "
       "client's errors). Budget: 0.5 %.\n\n**Latency** — 95 % of `POST /orders` finish under 300 ms. Budget: 5 %."
       "\n\nAlerts (Google SRE workbook, multiwindow multi-burn-rate): *fast* = burn over 14.4 in the 1 h and the "
       "5 m windows (page), *slow* = burn over 6 in the 6 h and the 30 m windows (ticket). Runbooks: "
       "`docs/runbooks/slo-*.md`.", h=5)


def err_ratio(window):
    return (f'(sum(rate({HTTP}_count{{{ORDERS},status=~"5.."}}[{window}])) or sum(rate({HTTP}_count{{{ORDERS}}}[{window}])) * 0)'
            f" / sum(rate({HTTP}_count{{{ORDERS}}}[{window}]))")


def slow_ratio(window):
    return (f'(1 - sum(rate({HTTP}_bucket{{{ORDERS},le="0.3"}}[{window}])) '
            f"/ sum(rate({HTTP}_count{{{ORDERS}}}[{window}])))")


b.row("Availability (99.5 %)")
b.panel("Availability over 30 days", [(f"1 - ({err_ratio('30d')})", "availability")], kind="stat", w=8, h=6,
        unit="percentunit", decimals=3,
        thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 0.995}])
b.panel("Error budget remaining (30 days)", [(f"1 - ({err_ratio('30d')}) / 0.005", "remaining")], kind="stat", w=8,
        h=6, unit="percentunit", thresholds=[{"color": "red", "value": None}, {"color": "orange", "value": 0.25},
                                             {"color": "green", "value": 0.5}])
b.panel("Availability burn rate", [(f"({err_ratio(w)}) / 0.005", w) for w in ("5m", "30m", "1h", "6h")], w=8, h=6,
        thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 6}, {"color": "red", "value": 14.4}],
        description="Fast alert: 1h and 5m over 14.4. Slow alert: 6h and 30m over 6.")
b.row("Latency (95 % under 300 ms)")
b.panel("Placements under 300 ms over 30 days",
        [(f'sum(rate({HTTP}_bucket{{{ORDERS},le="0.3"}}[30d])) / sum(rate({HTTP}_count{{{ORDERS}}}[30d]))', "SLI")],
        kind="stat", w=8, h=6, unit="percentunit", decimals=2,
        thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 0.95}])
b.panel("Latency error budget remaining (30 days)", [(f"1 - {slow_ratio('30d')} / 0.05", "remaining")], kind="stat",
        w=8, h=6, unit="percentunit", thresholds=[{"color": "red", "value": None}, {"color": "orange", "value": 0.25},
                                                  {"color": "green", "value": 0.5}])
b.panel("Latency burn rate", [(f"{slow_ratio(w)} / 0.05", w) for w in ("5m", "30m", "1h", "6h")], w=8, h=6,
        thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 6}, {"color": "red", "value": 14.4}])
b.panel("Order placement latency p50 / p95 / p99", quantiles(HTTP, ORDERS, "service", ""), unit="s", w=24,
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 0.3}])
b.write()
print("wrote 5 dashboards to", HERE)
