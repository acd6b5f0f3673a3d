# Pantau: two commands on a fresh Debian 12 machine.
#   make run    installs what is missing, builds, runs pantaud on the offline demo
#   make test   builds and runs every test
# Also: make build, make bench, make eval, make install, make clean.

BUILD   ?= build
JOBS    ?= $(shell nproc)
SHARED  ?= $(abspath ../shared)

# What building and running need (Debian 12 package names).
RUN_PACKAGES := build-essential cmake pkg-config git \
  libcurl4-openssl-dev libsimdjson-dev libsqlitecpp-dev libsqlite3-dev libboost-dev \
  libgtest-dev libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev libsystemd-dev libssl-dev \
  libexpat1-dev
# What the tests need on top: a real SMTP server, Python for the fake HTTP
# API, headless Chromium for the HTML report, sqlite3 for inspection.
TEST_PACKAGES := python3 python3-aiosmtpd chromium sqlite3

.PHONY: all build run test bench eval deps test-deps install clean

all: build

# Installs missing packages as root; otherwise prints the exact command and stops.
define ensure_packages
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Some Debian packages are missing. Install them with:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
endef

deps:
	$(call ensure_packages,$(RUN_PACKAGES))

test-deps: deps
	$(call ensure_packages,$(TEST_PACKAGES))

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPANTAU_SHARED_DIR=$(SHARED)
	cmake --build $(BUILD) -j$(JOBS)

run: build
	$(BUILD)/bin/pantaud --config examples/pantau.toml

test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 900

bench: build
	@for b in $(BUILD)/bin/bench_*; do PANTAU_SHARED=$(SHARED) $$b || exit 1; done

eval: build
	@for s in bench/eval_*.sh; do PANTAU_SHARED=$(SHARED) PANTAU_BIN=$(BUILD)/bin bash $$s || exit 1; done

install: build
	install -D -m 0755 $(BUILD)/bin/pantaud $(DESTDIR)/usr/bin/pantaud
	install -D -m 0755 $(BUILD)/bin/pantau $(DESTDIR)/usr/bin/pantau
	install -D -m 0644 systemd/pantaud.service $(DESTDIR)/lib/systemd/system/pantaud.service
	install -D -m 0644 systemd/pantau.sysusers $(DESTDIR)/usr/lib/sysusers.d/pantau.conf
	install -D -m 0644 systemd/pantau.tmpfiles $(DESTDIR)/usr/lib/tmpfiles.d/pantau.conf
	test -e $(DESTDIR)/etc/pantau/pantau.toml || install -D -m 0640 examples/pantau.toml $(DESTDIR)/etc/pantau/pantau.toml

clean:
	rm -rf $(BUILD) var
