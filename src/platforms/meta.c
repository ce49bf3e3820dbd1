/*
 * What the Meta platforms (src/platforms/facebook.c and instagram.c) read
 * alike: Meta's "Download your information" tool writes every string as
 * mojibake and numbers and times as numbers or strings, and Messenger and
 * Instagram Direct threads share the message_N.json format. See meta.h;
 * the HTML exports' helpers are in meta_html.c.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "conduct/base/arena.h"
#include "conduct/base/error.h"
#include "conduct/base/geo.h"
#include "conduct/parse/json.h"
#include "conduct/platforms/fields.h"
#include "conduct/model/record.h"
#include "conduct/text/text.h"
#include "conduct/base/timeutil.h"
#include "meta.h"

const char *cnd_meta_str(struct cnd_scan *s, const json_t *obj,
			 const char *key)
{
	return cnd_field_get(cnd_scan_scratch(s), obj, key, CND_FIELD_REPAIR);
}

const char *cnd_meta_elem_str(struct cnd_scan *s, const json_t *arr,
			      size_t i)
{
	json_t *v = json_array_get(arr, i);

	return json_is_string(v) ? cnd_field_text(cnd_scan_scratch(s), v,
						  CND_FIELD_REPAIR)
				 : NULL;
}

int cnd_meta_coord(const json_t *c, double *lat, double *lon)
{
	if (!json_is_object(c) ||
	    cnd_json_number(json_object_get(c, "latitude"), lat) ||
	    cnd_json_number(json_object_get(c, "longitude"), lon) ||
	    !cnd_geo_valid(*lat, *lon))
		return -1;
	return 0;
}

int cnd_meta_each(struct cnd_scan *s, const json_t *list, const char *what,
		  cnd_meta_entry_fn fn, const void *arg)
{
	json_t *e;
	size_t i;
	int ret = CND_OK;

	if (!list) {
		cnd_scan_diag(s, CND_WARN, -1, "%s holds no list: not used",
			      what);
		return CND_OK;
	}
	json_array_foreach(list, i, e) {
		ret = fn(s, e, (long long)i, arg);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}

/* --- Messages --- */

int cnd_meta_is_own(const struct cnd_meta_own *own, const char *name)
{
	return name && ((own->name && !strcmp(name, own->name)) ||
			(own->username && !strcmp(name, own->username)));
}

void cnd_meta_own_unknown(struct cnd_scan *s, struct cnd_meta_own *own,
			  const char *file)
{
	if (own->name || own->username || own->unknown_warned)
		return;
	own->unknown_warned = 1;
	cnd_scan_diag(s, CND_WARN, -1,
		      "the account's own name is unknown (no %s file): messages cannot be told sent from received",
		      file);
}

int cnd_meta_thread(struct cnd_scan *s, json_t *doc,
		    struct cnd_meta_own *own, const char *own_file,
		    int request, int string_names)
{
	struct cnd_arena *sc = cnd_scan_scratch(s);
	json_t *parts = json_object_get(doc, "participants");
	json_t *msgs = json_object_get(doc, "messages");
	const char *member = cnd_scan_member(s);
	struct cnd_account *others;
	size_t n_others = 0, i;
	const char *conv;
	json_t *p, *m;
	int ret = CND_OK;

	if (!json_is_array(msgs)) {
		cnd_scan_diag(s, CND_WARN, -1,
			      "message thread has no 'messages' list: skipped");
		return CND_OK;
	}
	cnd_meta_own_unknown(s, own, own_file);
	conv = cnd_meta_str(s, doc, "thread_path");
	if (!conv)
		conv = member;
	others = cnd_arena_alloc(sc, (json_array_size(parts) + 1) *
					     sizeof(*others));
	json_array_foreach(parts, i, p) {
		const char *name = json_is_object(p) ?
					   cnd_meta_str(s, p, "name") :
				   string_names && json_is_string(p) ?
					   cnd_meta_elem_str(s, parts, i) :
					   NULL;

		if (!name || cnd_meta_is_own(own, name))
			continue;
		memset(&others[n_others], 0, sizeof(others[0]));
		others[n_others++].name = name;
	}
	json_array_foreach(msgs, i, m) {
		struct cnd_record r = { 0 };
		const char *sender = cnd_meta_str(s, m, "sender_name");
		const char *ts = cnd_meta_str(s, m, "timestamp_ms");

		r.kind = CND_REC_MESSAGE;
		r.time = cnd_field_epoch_of(m, "timestamp_ms", CND_EPOCH_MS);
		r.text = cnd_meta_str(s, m, "content");
		if (!r.text)
			r.text = cnd_meta_str(s, json_object_get(m, "share"),
					      "link");
		r.outgoing = cnd_meta_is_own(own, sender);
		if (!r.outgoing)
			r.counterpart.name = sender;
		else if (n_others == 1)
			r.counterpart = others[0];
		r.participants = others;
		r.n_participants = n_others;
		r.conversation = conv;
		r.label = request ? "message-request" : NULL;
		r.id = cnd_arena_printf(sc, "%s/%s#%zu", conv, ts ? ts : "", i);
		r.prov.member = member;
		r.prov.item = (long long)i;
		if (r.time == CND_TIME_NONE)
			cnd_field_date_say(
				s, (long long)i, 1, NULL,
				&(const struct cnd_date_say){
					CND_DATE_SAY_HAS, "message", NULL,
					"'timestamp_ms'" });
		ret = cnd_emit(s, &r);
		if (ret >= CND_FATAL)
			break;
	}
	return ret;
}
