/*
 * Personal-data detectors of the personal-data rule that stand on their
 * own (src/match/pdetect.c), kept apart from text.c, which runs them with
 * the phone, date and address detectors and masks what they find.
 */
#ifndef CONDUCT_RULES_PDETECT_H
#define CONDUCT_RULES_PDETECT_H

#include <stddef.h>

/*
 * An e-mail address of a person around the '@' at text[at] (not a desk
 * address such as info@, not inside a URL): sets *start, returns its end,
 * or 0.
 */
size_t cnd_pd_email_at(const char *text, size_t n, size_t at, size_t *start);

#endif
