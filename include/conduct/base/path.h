/*
 * File paths as messages and reports show them: the last part of a path,
 * so that no absolute path of the reviewer's machine reaches a report or
 * an error message ("policy.json", not "/home/anna/agency/policy.json").
 */
#ifndef CONDUCT_PATH_H
#define CONDUCT_PATH_H

/*
 * The file name of path: what follows its last '/', or the whole path
 * when it has none or ends in '/'. Borrowed: points into path.
 */
const char *cnd_path_base(const char *path);

#endif
