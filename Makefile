# The platform's lifecycle. `make up` runs the whole platform here; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NODE_STAMP := node_modules/.install-stamp

.PHONY: help up infra test down reset status build load

help:
	@echo "make up      bring the platform up and place sample orders"
	@echo "make test    bring the infrastructure up if needed and run every test"
	@echo "make load    place ORDERS orders (2000) through the saga and check the invariants"
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

test: infra
	infra/services.sh stop
	npx jest --runInBand

down:
	-infra/services.sh stop
	infra/stack.sh down

reset:
	-infra/services.sh stop
	infra/stack.sh reset

status:
	infra/stack.sh status
	infra/services.sh status
