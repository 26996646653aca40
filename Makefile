# The two front-door commands: `make run` and `make test`. Both set up the machine first.
.PHONY: all bootstrap build build-debug web run test clean

DEMO_DB ?= sqlite:demo.db
LISTEN ?= 127.0.0.1:8080
WEB_SOURCES := $(shell find web/src web/index.html web/public -type f 2>/dev/null) \
               web/package-lock.json web/vite.config.ts web/tsconfig.json docs/openapi.json

all: build

bootstrap:
	@scripts/bootstrap

# The optimised binary: build/release/binome.
build: bootstrap web
	@cmake --preset release >/dev/null
	@cmake --build --preset release

# With AddressSanitizer and UndefinedBehaviorSanitizer: what the tests run.
build-debug: bootstrap web
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug

web: web/dist/index.html
web/dist/index.html: $(WEB_SOURCES)
	@cd web && npm run --silent build

run: build
	@build/release/binome --db $(DEMO_DB) demo
	@echo "Open http://$(LISTEN) and log in with one of the accounts above. Stop with Ctrl-C."
	@build/release/binome --db $(DEMO_DB) serve --listen $(LISTEN) --web web/dist

test: build-debug
	@ctest --preset debug

clean:
	rm -rf build web/dist
