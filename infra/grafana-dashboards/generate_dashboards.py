#!/usr/bin/env python3
"""Writes the five obsaga Grafana dashboards (JSON) next to this script.

The JSON files are committed and are what Grafana loads; this script is how they are written (one place for the
layout, the data source and the PromQL), so edit here and run `python3 generate_dashboards.py`. infra-tests checks
the JSON (valid, unique panel ids, every query parses, every query returns data against the real services, every
metric it names exists) whoever wrote it.

Conventions: data source uid "prometheus" (provisioned); no query names a scrape job (the `service` label, which the
services put on every series and the scrape config or a Kubernetes ServiceMonitor puts on `up`, says which
service it is), so the panels work whatever the job is called; every panel has a description (write() refuses a
panel without one); the overview and messaging dashboards show fault injection and firing alerts as annotations; `$service`, `$queue`, ... are multi-value variables with
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
    def __init__(self, uid, title, description, variables, annotations=()):
        self.uid, self.title, self.description, self.variables = uid, title, description, variables
        self.annotations = list(annotations)
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
        if not description:
            raise ValueError("panel '" + title + "' needs a description: what it shows and how to read it")
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

    def text(self, title, content, w=24, h=5, description="What this dashboard measures and why."):
        if self.x + w > 24:
            self.x, self.y = 0, self.y + self.row_h
            self.row_h = 0
        self.panels.append({"id": self.next_id, "type": "text", "title": title, "description": description,
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
            "annotations": {"list": self.annotations},
            "links": [{"title": "obsaga dashboards", "type": "dashboards", "tags": ["obsaga"], "asDropdown": True,
                       "includeVars": True, "keepTime": True}],
            "templating": {"list": self.variables},
            "panels": self.panels,
        }
        with open(os.path.join(HERE, self.uid + ".json"), "w") as f:
            json.dump(board, f, indent=2)
            f.write("\n")


def annotation(name, expr, color, title, text):
    """A Prometheus annotation: a band on every time series panel while expr returns a series."""
    return {"name": name, "datasource": DS, "enable": True, "iconColor": color, "expr": expr, "step": "30s",
            "titleFormat": title, "textFormat": text, "tagKeys": "service", "useValueForTime": False}


# Fault injection (our gauge) and firing alerts (Prometheus' ALERTS series of the rules it evaluates, the ones
# generated from infra/alert-rules.yml): so a graph that changes explains itself.
EVENTS = [annotation("Fault injection", 'max by (service, kind) (fault_injection_active{service=~"$service"}) > 0',
                     "orange", "fault {{kind}}", "{{service}}: fault knob {{kind}} on"),
          annotation("Firing alerts", 'max by (alertname, service) (ALERTS{alertstate="firing"})', "red",
                     "{{alertname}}", "{{alertname}} firing ({{service}})")]
# The service list comes from a series every service exports with its own service label (not from a job).
SERVICES = var("service", "label_values(process_uptime_seconds, service)")


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
          [SERVICES], EVENTS)
b.row("Availability and traffic")
b.panel("Up", [(f'up{{{SVC}}}', "{{service}}")], kind="stat", w=6, h=6,
        thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 1}],
        description="1 = Prometheus scrapes the service's management port (any job: the target's service label "
                    "names it). Alert ServiceDown: 0 for 1 minute.")
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
                                "{{service}} {{status}}")], unit="reqps", w=12, h=9, stack=True,
        description="Requests per second by HTTP status, stacked: 4xx are the clients' mistakes, 5xx ours.")
b.panel("p95 latency by endpoint",
        [(f"histogram_quantile(0.95, sum by (service, method, uri, le) (rate({HTTP}_bucket{{{SVC}}}[{RATE}])))",
          "{{service}} {{method}} {{uri}}", True)], unit="s", w=12, h=9,
        description="Which route is slow: p95 per method and route template (gRPC methods appear as paths). "
                    "Diamonds are exemplars linking to a trace.")
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
          "{{service}} {{method}} {{statusCode}}")], unit="reqps", w=12, h=8,
        description="gRPC calls served, by status code. With gRPC on the HTTP port this may stay empty "
                    "(README, known limits): the HTTP panels then show the GetCustomer path.")
b.row("Saturation")
b.panel("CPU (process)", [(f"process_cpu_usage{{{SVC}}}", "{{service}}")], unit="percentunit", w=6,
        description="Share of the machine's CPU the service's JVM uses (1 = every core busy).")
b.panel("Heap used", [(f'sum by (service) (jvm_memory_used_bytes{{{SVC},area="heap"}})', "{{service}}")],
        unit="bytes", w=6, description="Java heap in use; the services run with -Xmx192m (deploy/jvm.options).")
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
          [SERVICES,
           var("exchange", "label_values(obsaga_messaging_publish_total, exchange)"),
           var("queue", "label_values(obsaga_messaging_consume_total, queue)"),
           var("vhost", "label_values(rabbitmq_queue_messages, vhost)")], EVENTS)
SQ = f'{SVC},queue=~"$queue"'
SE = f'{SVC},exchange=~"$exchange"'
b.row("Publishing (outbox relay → broker)")
b.panel("Publishes by outcome", [(f"sum by (service, exchange, routing_key, outcome) "
                                  f"(rate(obsaga_messaging_publish_total{{{SE}}}[{RATE}]))",
                                  "{{service}} {{routing_key}} {{outcome}}")], unit="ops", w=8,
        description="Outbox rows handed to the broker per second; error = nacked or not confirmed in time.")
b.panel("Publish errors", [(f'sum by (service, exchange) (rate(obsaga_messaging_publish_total{{{SE},outcome="error"}}[{RATE}]))'
                            f" or sum by (service, exchange) (rate(obsaga_messaging_publish_total{{{SE}}}[{RATE}])) * 0",
                            "{{service}} → {{exchange}}")], unit="ops", w=8,
        description="Broker nacks and confirms that did not come in time. Alert PublishErrors: any, for 5 minutes.")
b.panel("Publish → broker confirm p95", [(f"histogram_quantile(0.95, sum by (service, exchange, routing_key, le) "
                                          f"(rate(obsaga_messaging_publish_duration_seconds_bucket{{{SE}}}[{RATE}])))",
                                          "{{service}} {{routing_key}}", True)], unit="s", w=8,
        description="From handing a message to the broker to its publisher confirm (p95): broker health as the "
                    "relay sees it.")
b.row("Consuming")
b.panel("Time in queue (publish → delivery)", quantiles("obsaga_messaging_queue_time_seconds", SQ, "queue", "{{queue}}"),
        unit="s", w=12, thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 1}],
        description="Alert QueueTimeP95High: p95 over 1 s for 10 minutes.")
b.panel("Handler duration p95 by outcome", [(f"histogram_quantile(0.95, sum by (queue, outcome, le) "
                                             f"(rate(obsaga_messaging_process_duration_seconds_bucket{{{SQ}}}[{RATE}])))",
                                             "{{queue}} {{outcome}}", True)], unit="s", w=12,
        description="Time to handle one delivery, receipt to ack or dead-letter (p95), by how it ended.")
b.panel("Deliveries by outcome (ack / retry / dead_letter)",
        [(f"sum by (queue, outcome) (rate(obsaga_messaging_consume_total{{{SQ}}}[{RATE}]))", "{{queue}} {{outcome}}")],
        unit="ops", w=12, stack=True, description="Alert ConsumerRetries: over 10 % retried for 5 minutes.")
b.panel("Dead-lettered by our consumers",
        [(f'sum by (queue) (rate(obsaga_messaging_consume_total{{{SQ},outcome="dead_letter"}}[{RATE}]))'
          f" or sum by (queue) (rate(obsaga_messaging_consume_total{{{SQ}}}[{RATE}])) * 0", "{{queue}}")],
        unit="ops", w=12, description="Messages our consumers gave up on (poison or out of retries) per second; "
                                      "they wait in <queue>.dlq.")
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
        w=8, description="Consumers attached per queue (obsaga.messaging.consumer-concurrency per instance). "
                         "Alert QueueWithoutConsumer: 0 with messages waiting.")
b.write()

# ------------------------------------------------------------------------------------------------- 3 Business
b = Board("obsaga-business", "obsaga / 3 Business — orders, payments, revenue",
          "What the saga does for the business: orders placed and completed, revenue, saga duration.", [])
b.row("Orders")
b.panel("Orders placed per minute", [(f"sum(rate(orders_placed_total[{RATE}])) * 60", "placed")], unit="short", w=8,
        description="Orders accepted (202) per minute, counted from the committed OrderCreated events.")
b.panel("Orders in flight (placed − completed)",
        [("sum by (service) (orders_placed_total) - (sum by (service) (orders_completed_total) "
          "or sum by (service) (orders_placed_total) * 0)", "PENDING")], w=8,
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 25}],
        description="Since the orders process started. Alert OrdersStuckPending: over 25 for 5 minutes.")
b.panel("Confirmed vs rejected per minute", [(f"sum by (status) (rate(orders_completed_total[{RATE}])) * 60",
                                              "{{status}}")], w=8, stack=True,
        description="Orders reaching their final state per minute.")
b.panel("Saga duration (created → final) p50 / p95 / p99",
        quantiles("order_saga_duration_seconds", "", "service", ""), unit="s", w=12,
        description="Exemplars link to the trace of the order.")
b.panel("Rejection ratio", [(ratio('orders_completed_total{status="REJECTED"}', "orders_completed_total",
                                   "service"), "rejected")], unit="percentunit", w=12,
        description="Declined cards: business, not an incident — a jump means a gateway or decline-rule change.")
b.row("Payments and revenue")
b.panel("Revenue per minute by currency", [(f"sum by (currency) (rate(payments_amount_total[{RATE}])) * 60",
                                            "{{currency}}")], w=8,
        description="Amount successfully charged per minute, per currency (never summed across currencies).")
b.panel("Revenue in the time range", [("sum by (currency) (increase(payments_amount_total[$__range]))",
                                       "{{currency}}")], kind="stat", w=8, decimals=2,
        description="Amount charged within the dashboard's time range, per currency.")
b.panel("Payments by outcome", [(f"sum by (outcome) (rate(payments_total[{RATE}])) * 60", "{{outcome}}")], w=8,
        stack=True, description="Payments per minute, succeeded vs failed (declines and gateway errors). "
                                "Alert PaymentFailuresHigh.")
b.row("Customers and notifications")
b.panel("Customers registered per minute", [(f"sum(rate(customers_registered_total[{RATE}])) * 60", "registered")],
        w=12, description="New customers per minute (committed CustomerRegistered events).")
b.panel("Notifications sent by type and outcome",
        [(f"sum by (type, outcome) (rate(notifications_sent_total[{RATE}])) * 60", "{{type}} {{outcome}}")], w=12,
        stack=True, description="Notifications per minute by kind; failed = the notifier could not send.")
b.write()

# -------------------------------------------------------------------------------------- 4 JVM and saturation
b = Board("obsaga-jvm", "obsaga / 4 JVM and saturation",
          "Memory, GC, CPU, threads, Vert.x event loops and worker pool, reactive SQL pool, per service.",
          [SERVICES])
b.row("Memory and GC")
b.panel("Heap used by pool", [(f'sum by (service, id) (jvm_memory_used_bytes{{{SVC},area="heap"}})',
                               "{{service}} {{id}}")], unit="bytes", w=12, stack=True,
        description="Heap in use per memory pool, stacked (serial GC: eden, survivor, tenured).")
b.panel("Non-heap used", [(f'sum by (service) (jvm_memory_used_bytes{{{SVC},area="nonheap"}})', "{{service}}")],
        unit="bytes", w=12, description="Metaspace and code cache: part of the RSS that the heap limit does not cap.")
b.panel("GC pause time per second", [(f"sum by (service, gc) (rate(jvm_gc_pause_seconds_sum{{{SVC}}}[{RATE}]))",
                                      "{{service}} {{gc}}")], unit="percentunit", w=12,
        description="Fraction of wall time spent in GC pauses.")
b.panel("Longest GC pause", [(f"max by (service) (jvm_gc_pause_seconds_max{{{SVC}}})", "{{service}}")], unit="s",
        w=12, description="Longest stop-the-world pause recently: every request in flight waits that long.")
b.row("CPU and threads")
b.panel("CPU: process and machine", [(f"process_cpu_usage{{{SVC}}}", "{{service}} process"),
                                      (f"max by (service) (system_cpu_usage{{{SVC}}})", "{{service}} machine")],
        unit="percentunit", w=12, description="The service's JVM and the whole machine: a busy machine slows "
                                              "every service on it.")
b.panel("Live threads", [(f"jvm_threads_live_threads{{{SVC}}}", "{{service}}")], w=12,
        description="Threads of the JVM; a steady climb is a leak.")
b.row("Vert.x: event loops and worker pool")
b.panel("Event loop: tasks pending", [(f"sum by (service, name) (netty_eventexecutor_tasks_pending{{{SVC}}})",
                                       "{{service}} {{name}}")], w=8,
        description="Tasks queued on each event loop; growing means something blocks an event loop.")
b.panel("Worker pool: active and queued", [(f"sum by (service) (worker_pool_active{{{SVC}}})", "{{service}} active"),
                                           (f"sum by (service) (worker_pool_queue_size{{{SVC}}})",
                                            "{{service}} queued")], w=8,
        description="Worker threads busy and tasks waiting for one (blocking work off the event loops).")
b.panel("Worker pool: mean wait for a thread",
        [(f"sum by (service) (rate(worker_pool_queue_delay_seconds_sum{{{SVC}}}[{RATE}])) / "
          f"sum by (service) (rate(worker_pool_queue_delay_seconds_count{{{SVC}}}[{RATE}]))", "{{service}}")],
        unit="s", w=8, description="Mean time a task waited for a worker thread.")
b.row("Database pool (reactive PostgreSQL)")
b.panel("Connections in use / idle", [(f"sum by (service) (sql_pool_active{{{SVC}}})", "{{service}} in use"),
                                      (f"sum by (service) (sql_pool_idle{{{SVC}}})", "{{service}} idle")], w=8,
        description="Reactive PostgreSQL connections in use and idle, out of DB_POOL_MAX_SIZE.")
b.panel("Waiting for a connection", [(f"sum by (service) (sql_pool_queue_size{{{SVC}}})", "{{service}}")], w=8,
        description="Queries queued for a connection: above 0 for long, the pool is too small or queries too slow.")
b.panel("Mean wait for a connection",
        [(f"sum by (service) (rate(sql_pool_queue_delay_seconds_sum{{{SVC}}}[{RATE}])) / "
          f"sum by (service) (rate(sql_pool_queue_delay_seconds_count{{{SVC}}}[{RATE}]))", "{{service}}")],
        unit="s", w=8, description="Mean time a query waited for a connection.")
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
        thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 0.995}],
        description="Share of POST /orders not answered 5xx over 30 days; green from the 99.5 % objective.")
b.panel("Error budget remaining (30 days)", [(f"1 - ({err_ratio('30d')}) / 0.005", "remaining")], kind="stat", w=8,
        h=6, unit="percentunit", thresholds=[{"color": "red", "value": None}, {"color": "orange", "value": 0.25},
                                             {"color": "green", "value": 0.5}],
        description="Share of the 0.5 % error budget not yet spent in 30 days; below 0 the SLO is broken.")
b.panel("Availability burn rate", [(f"({err_ratio(w)}) / 0.005", w) for w in ("5m", "30m", "1h", "6h")], w=8, h=6,
        thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 6}, {"color": "red", "value": 14.4}],
        description="Fast alert: 1h and 5m over 14.4. Slow alert: 6h and 30m over 6.")
b.row("Latency (95 % under 300 ms)")
b.panel("Placements under 300 ms over 30 days",
        [(f'sum(rate({HTTP}_bucket{{{ORDERS},le="0.3"}}[30d])) / sum(rate({HTTP}_count{{{ORDERS}}}[30d]))', "SLI")],
        kind="stat", w=8, h=6, unit="percentunit", decimals=2,
        thresholds=[{"color": "red", "value": None}, {"color": "green", "value": 0.95}],
        description="Share of POST /orders under 300 ms over 30 days; green from the 95 % objective.")
b.panel("Latency error budget remaining (30 days)", [(f"1 - {slow_ratio('30d')} / 0.05", "remaining")], kind="stat",
        w=8, h=6, unit="percentunit", thresholds=[{"color": "red", "value": None}, {"color": "orange", "value": 0.25},
                                                  {"color": "green", "value": 0.5}],
        description="Share of the 5 % latency budget not yet spent in 30 days.")
b.panel("Latency burn rate", [(f"{slow_ratio(w)} / 0.05", w) for w in ("5m", "30m", "1h", "6h")], w=8, h=6,
        thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 6}, {"color": "red", "value": 14.4}],
        description="How fast the latency budget burns per window; alerts at 14.4 (1h and 5m) and 6 (6h and 30m).")
b.panel("Order placement latency p50 / p95 / p99", quantiles(HTTP, ORDERS, "service", ""), unit="s", w=24,
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 0.3}],
        description="POST /orders percentiles against the 300 ms line; diamonds are exemplars (a trace each).")
b.write()
# ------------------------------------------------------------------------------------------ 6 Telemetry pipeline
def otelcol(name, by):
    """The collector's counter, whether its version writes it with the _total suffix or without (0.111: without)."""
    return f'sum by ({by}) (rate({{__name__=~"otelcol_{name}(_total)?"}}[{RATE}]))'


b = Board("obsaga-pipeline", "obsaga / 6 Telemetry pipeline — is what we see complete?",
          "The path of our telemetry: services → (OTLP) collector → Jaeger; services → (scrape) Prometheus; "
          "stdout → Alloy → Loki. Spans the collector accepted, refused, dropped or failed to export, its queue, "
          "the services' own failed exports, and log lines per level.", [SERVICES], EVENTS)
b.row("Collector: spans in and out")
b.panel("Spans accepted by the collector", [(otelcol("receiver_accepted_spans", "receiver, transport"),
                                             "{{receiver}} {{transport}}")], unit="ops", w=8,
        description="Spans per second the collector's receivers took into the pipeline: what the services send. "
                    "0 while the services are busy = the services cannot reach the collector.")
b.panel("Spans refused by the collector", [(otelcol("receiver_refused_spans", "receiver, transport"),
                                            "{{receiver}} {{transport}}")], unit="ops", w=8,
        description="Spans the receivers refused (memory limiter, a full pipeline): lost unless the sender retries. "
                    "Alert TelemetrySpansRefused.")
b.panel("Spans dropped in the collector", [(otelcol("processor_dropped_spans", "processor"), "{{processor}}")],
        unit="ops", w=8,
        description="Spans a processor threw away after accepting them (not the traces tail sampling decides to "
                    "leave out: those are sampling, not loss).")
b.row("Collector: export to the trace store")
b.panel("Spans sent to Jaeger", [(otelcol("exporter_sent_spans", "exporter"), "{{exporter}}")], unit="ops", w=8,
        description="Spans per second the exporters delivered (after tail sampling: about 10 % plus every error and "
                    "slow trace).")
b.panel("Export failures", [(otelcol("exporter_send_failed_spans", "exporter"), "{{exporter}} send failed"),
                            (otelcol("exporter_enqueue_failed_spans", "exporter"), "{{exporter}} queue full")],
        unit="ops", w=8,
        description="Spans the exporters could not deliver (after retries) or could not even queue. Alert "
                    "TelemetryCollectorExportFailing.")
b.panel("Export queue: used / capacity", [('max by (exporter) ({__name__="otelcol_exporter_queue_size"})',
                                            "{{exporter}} used"),
                                           ('max by (exporter) ({__name__="otelcol_exporter_queue_capacity"})',
                                            "{{exporter}} capacity")], w=8,
        description="Batches waiting to be exported; at capacity new spans are refused. Alert "
                    "TelemetryExportQueueFull at 80 %.")
b.row("Services: their own exporters and logs")
b.panel("Services' failed span exports",
        [(f"sum by (service) (rate(obsaga_telemetry_export_failures_total{{{SVC}}}[{RATE}]))", "{{service}}")],
        unit="ops", w=12,
        description="Failed OTLP exports reported by each service's OpenTelemetry SDK (its log records, throttled "
                    "to a few per minute): above 0, that service's spans are being lost. Alert "
                    "TelemetryExportFailing.")
b.panel("Log lines per second by level",
        [(f"sum by (service, level) (rate(obsaga_log_lines_total{{{SVC}}}[{RATE}]))", "{{service}} {{level}}")],
        unit="ops", w=12, stack=True,
        description="Log records each service wrote, by level (counted in the service, so it shows even when "
                    "Alloy or Loki are down). A burst of warn/error is worth a look in Loki.")
b.text("What this dashboard cannot show", "Spans a service's batch processor drops when its queue is full "
       "(2048 spans) are not counted: Quarkus gives the processor no meter provider, and the SDK logs nothing for "
       "them. The collector's accepted spans falling while the services' request rates hold is the sign.",
       h=4, description="The limits of what the pipeline dashboard measures.")
b.write()
print("wrote 6 dashboards to", HERE)
