/*
 * The command line's signal handlers: SIGINT, SIGTERM and SIGHUP remove the
 * temporary report files being written, then end the process with the same
 * signal, so no partial report is left behind.
 */
#include <signal.h>
#include <string.h>

#include "conduct/report/report.h"

#include "cli.h"

/*
 * SIGINT, SIGTERM and SIGHUP: remove the temporary report files being
 * written (async-signal-safe), then die of the same signal with its
 * default action, so the shell sees the conventional status (130 for
 * Ctrl-C, 143 for SIGTERM) and no partial report is left behind.
 */
static void on_fatal_signal(int sig)
{
	cnd_report_cleanup_temps();
	raise(sig); /* SA_RESETHAND restored the default action */
}

void cnd_cli_install_signal_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* a signal ignored by the parent (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}
