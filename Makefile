# conduct: the one, non-recursive Makefile. The library (src/core,
# src/platforms, src/rules, src/report) builds into build/libconduct.a; the
# command-line front end (src/main.c, src/cli/) links it into build/conduct;
# unit tests link the same library. `make demo` and `make check` first run
# scripts/install-deps, which installs any missing Debian packages.

PKGS := libarchive jansson xlsxwriter libcrypto libutf8proc
CC ?= cc
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes \
	-Wmissing-prototypes -Wvla
WERROR ?=
PY := /usr/bin/python3

B := build
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude $(WARN) $(CFLAGS) \
	$(PKG_CFLAGS)
ALL_CFLAGS = $(BASE_CFLAGS) $(WERROR)
LDLIBS = $(PKG_LIBS) -lm -lpthread

LIB_SRC := $(sort $(wildcard src/core/*.c src/platforms/*.c src/rules/*.c \
	src/report/*.c))
CLI_SRC := src/main.c $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(B)/%.o)
HEADERS := $(wildcard include/conduct/*.h) $(wildcard src/*/*.h)

DEMO_INPUTS := $(sort $(wildcard fixtures/demo/*/))

.PHONY: all deps demo check test unit e2e bench lint clean

all: $(B)/conduct $(B)/mkarchive

deps:
	@sh scripts/install-deps

# Rebuild everything when the flags change (as git's GIT-CFLAGS). -Werror
# changes no object, so it is left out: a fresh clone (CI) builds all of it.
$(B)/.cflags: FORCE
	@mkdir -p $(B)
	@echo '$(BASE_CFLAGS)' | cmp -s - $@ || echo '$(BASE_CFLAGS)' > $@

FORCE:

$(B)/%.o: %.c $(HEADERS) $(B)/.cflags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libconduct.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/conduct: $(CLI_OBJ) $(B)/libconduct.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(B)/libconduct.a $(LDLIBS)

$(B)/mkarchive: $(B)/tests/tools/mkarchive.o
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# Unit tests: every TEST(name) in tests/unit/*.c is collected here.
$(B)/unit-list.h: $(UNIT_SRC)
	@mkdir -p $(B)
	@sed -n 's/^TEST(\([A-Za-z0-9_]*\)).*/X(\1)/p' $(UNIT_SRC) > $@

$(B)/tests/unit/main.o: $(B)/unit-list.h
$(B)/tests/unit/main.o: ALL_CFLAGS += -I$(B)

$(B)/unit-tests: $(UNIT_OBJ) $(B)/libconduct.a
	$(CC) $(CFLAGS) -o $@ $(UNIT_OBJ) $(B)/libconduct.a $(LDLIBS)

demo: deps
	@$(MAKE) --no-print-directory all
	$(B)/conduct scan --clients fixtures/demo/clients.csv \
		--since 2023-01-01 --until 2023-12-31 --tz Europe/London \
		-o conduct-report.xlsx --json conduct-report.json \
		$(DEMO_INPUTS); test $$? -le 1

unit: $(B)/unit-tests
	@$(B)/unit-tests | tee $(B)/unit.log

e2e: $(B)/conduct $(B)/mkarchive
	@$(PY) tests/e2e/run.py | tee $(B)/e2e.log

# Everything, with -Werror, ending with one `total:` line.
check: deps
	@$(MAKE) --no-print-directory WERROR=-Werror all $(B)/unit-tests
	@$(B)/unit-tests > $(B)/unit.log 2>&1; cat $(B)/unit.log
	@$(PY) tests/e2e/run.py > $(B)/e2e.log 2>&1; cat $(B)/e2e.log
	@$(PY) tests/tools/total.py $(B)/unit.log $(B)/e2e.log

bench: deps
	@$(MAKE) --no-print-directory all
	@$(PY) tests/bench/bench.py

lint:
	cppcheck --quiet --error-exitcode=1 --std=c11 -Iinclude \
		--suppress=missingIncludeSystem src tests/unit tests/tools
	@! grep -nE '\<(gets|sprintf|strcpy|strcat|strtok|atoi)[[:space:]]*\(' \
		$(LIB_SRC) $(CLI_SRC) || { echo 'lint: banned function'; exit 1; }

clean:
	rm -rf $(B)
