# The platform's lifecycle. `make up` runs the whole platform here; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NODE_STAMP := node_modules/.install-stamp

.PHONY: help up infra test down reset status build load test-tools bench bench-compare \
	bench-probe

help:
	@echo "make up      bring the platform up and place sample orders"
	@echo "make test    bring the infrastructure up if needed and run every test"
	@echo "make load    place ORDERS orders (2000) through the saga and check the invariants"
	@echo "make bench   measure the platform against this machine's limit (bench/results/)"
	@echo "make bench-compare A=old.json B=new.json   flag ratios that fell by more than 10%"
	@echo "make bench-probe RATE=50   CPU per order and latency at one rate, in 1.5 minutes"
	@echo "make down    stop what make up started and drop the replication slots"
	@echo "make reset   wipe Kafka's data, Connect's offsets, the slots and the databases"

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: $(NODE_STAMP)
	npx tsc -p tsconfig.json

infra: build
	infra/stack.sh up
	node dist/infra/tasks/create-topics.js
	node dist/infra/tasks/migrate.js
	node dist/infra/tasks/register-connectors.js

up: infra
	infra/services.sh start
	node dist/infra/tasks/demo.js
	node dist/infra/tasks/load/load.js --orders 60 --customers 12 --skus 8

# The main job at volume; ORDERS, CUSTOMERS and SKUS size it.
ORDERS ?= 2000
CUSTOMERS ?= 200
SKUS ?= 50
load: infra
	infra/services.sh start
	node dist/infra/tasks/load/load.js --orders $(ORDERS) --customers $(CUSTOMERS) --skus $(SKUS)

# promtool checks the alert rules and the services' metrics, chromium drives the console test;
# a fresh machine gets both here.
test-tools:
	infra/install-test-tools.sh

test: test-tools infra
	infra/services.sh stop
	npx jest --runInBand

# Figures, not pass or fail: the platform against pgbench on the same Postgres, in one run of
# about ten minutes. The services make up started are stopped, as for the tests.
bench: infra
	infra/services.sh stop
	node dist/bench/run-bench.js

# One knob at a time: the platform idle, then at RATE orders/s for PROBE_SECONDS.
RATE ?= 50
PROBE_SECONDS ?= 30
bench-probe: infra
	infra/services.sh stop
	node dist/bench/probe-rate.js --rate $(RATE) --seconds $(PROBE_SECONDS)

bench-compare: build
	@test -n "$(A)" -a -n "$(B)" || { echo "usage: make bench-compare A=old.json B=new.json"; exit 2; }
	node dist/bench/compare-bench-results.js $(A) $(B)

down:
	-infra/services.sh stop
	infra/stack.sh down

reset:
	-infra/services.sh stop
	infra/stack.sh reset

status:
	infra/stack.sh status
	infra/services.sh status
