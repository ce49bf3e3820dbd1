/*
 * Helpers shared by the rules of src/rules/ (private to them): which
 * records the subject wrote, their text split into words and with personal
 * data masked (both found once per record), strings joined from pieces for
 * the evidence built per finding, a rule's policy settings and severity, whether a registered
 * client counts at a time and how a finding names one, and how a time or a
 * setting's interval stands to the review period.
 */
#ifndef CONDUCT_RULES_UTIL_H
#define CONDUCT_RULES_UTIL_H

#include <stdint.h>

#include "conduct/base/arena.h"
#include "conduct/config/policy.h"
#include "conduct/config/register.h"
#include "conduct/match/pdetect.h"
#include "conduct/rules/rule.h"
#include "conduct/base/strmap.h"
#include "conduct/text/text.h"

/*
 * Pieces of a string built per finding (evidence, details), joined with
 * one allocation and no format parsing: cnd_rules_join(a, parts, n) is the
 * n parts one after another, in a. CND_RULES_LIT("...") is a literal's
 * part; a part with s NULL adds nothing.
 */
struct cnd_rules_part {
	const char *s;
	size_t n;
};
#define CND_RULES_LIT(lit) ((struct cnd_rules_part){ (lit), sizeof(lit) - 1 })
struct cnd_rules_part cnd_rules_str(const char *s);
char *cnd_rules_join(struct cnd_arena *a, const struct cnd_rules_part *p,
		     size_t n);

/* Text the subject wrote: posts (not reposts) and comments. */
int cnd_rules_authored(const struct cnd_record *r);

/*
 * A copy of text (in the rule's scratch arena) with the personal data the
 * personal-data rule detects masked, same length, so offsets of matches
 * in text stay valid: evidence of any rule that quotes authored text goes
 * through it (src/rules/personal.c).
 */
char *cnd_rules_mask_personal(struct cnd_rule_ctx *c, const char *text);

/*
 * The personal data found in the current record's text, kept by the
 * engine so that the detectors (the policy's regular expressions above
 * all) run over a text once, however many rules quote it: valid for
 * `text` while the engine hands one record to the rules (cnd_rules_pd()
 * returns NULL in the finish steps, where nothing is kept).
 */
struct cnd_rules_pd {
	const char *text; /* the text h was found in; NULL: none yet */
	struct cnd_pd_hits h;
};
struct cnd_rules_pd *cnd_rules_pd(struct cnd_rule_ctx *c);

/*
 * text (the current record's, as a rule reads it) split into words: done
 * once per record for all the rules that scan it, valid until the next
 * record (or a call with another text). In src/rules/engine.c.
 */
const struct cnd_words *cnd_rules_words(struct cnd_rule_ctx *c,
				       const char *text);

/* The rule's policy settings (NULL without a policy); *on when enabled. */
const struct cnd_rule_settings *cnd_rules_settings(struct cnd_rule_ctx *c,
						   int *on);
/* The severity s sets when valid, else the rule's own. */
enum cnd_severity cnd_rules_severity(struct cnd_rule_ctx *c,
				     const struct cnd_rule_settings *s);

/*
 * Is the client to be considered at time t? A former client from the
 * start of their period on; anyone else inside the period plus grace. An
 * undated record (X saved searches and likes) counts, unless the export
 * was made before the person became a client.
 */
int cnd_rules_considered(const struct cnd_rule_ctx *c,
			 const struct cnd_client *cl, int64_t t);
/* "registered [former ]client REF[ (first name)]", in a. */
const char *cnd_rules_client_label(struct cnd_arena *a,
				   const struct cnd_client *cl);

/* 1 when t (undated counts) falls in o's review period. */
int cnd_rules_in_review(const struct cnd_options *o, int64_t t);
/*
 * Whether a setting's interval [from, to) overlaps the review period;
 * *when is the time of the change that opened it (CND_TIME_NONE before
 * the first recorded change), so a finding sits at the record it rests on
 * while in_period says the state held during the period. An undated state
 * holds when the export was made: in the period unless the period ended
 * before the run.
 */
int cnd_rules_interval_in_period(const struct cnd_options *o,
				 const struct cnd_setting_interval *iv,
				 int64_t *when);

/* Why an account matched by display name alone is weak. */
#define CND_RULES_NAME_ONLY \
	"weak: matched by display name only, which another person may share"

/* 1 when the rule's params.key is the string value. */
int cnd_rules_param_is(const struct cnd_rule_settings *s, const char *key,
		       const char *value);

/*
 * Why a match on an undated record (t CND_TIME_NONE: X follows and saved
 * searches) is weak when the client is not marked former and their period
 * plus the grace days ended before the export was made (else NULL): the
 * record may date from while they were a client or from long after, and
 * the grace period could not be applied. Also weak: an undated record in an
 * export that does not say when it was made (Mastodon) of a client whose
 * time began after the review period: it may date from before they were a
 * client. In the rule's scratch arena.
 */
const char *cnd_rules_undated_ended(struct cnd_rule_ctx *c,
				    const struct cnd_client *cl, int64_t t);

/*
 * Register name matches whose name is also an everyday word: the
 * policy's common_words lexicon lists such names ("Eve", "Grace") and its
 * name_guards lexicon phrases in which they are no name ("Christmas Eve",
 * "saving grace"). A rule keeps one of these in its state.
 */
struct cnd_name_guard {
	int built;
	struct cnd_strmap common; /* folded common word -> the term */
	struct cnd_matcher *guards;
};

/*
 * How the register match m in text w stands: 0 an ordinary match; 1 weak,
 * a one-word name that is an everyday word (*why says so, in the scratch
 * arena); -1 dropped: such a name written in lower case in text (a post;
 * NULL for a search, typed in any case), a name_guards phrase over it, the
 * rule's
 * params.common_words is "skip" (params.common_words "plain" treats such
 * names as any other), or a reordered name ("Fairweather Daniel") when
 * params.name_order is "exact".
 */
int cnd_rules_name_check(struct cnd_rule_ctx *c, struct cnd_name_guard *g,
			 const char *text, const struct cnd_words *w,
			 const struct cnd_name_match *m, const char **why);
void cnd_rules_name_guard_release(struct cnd_name_guard *g);

#endif
