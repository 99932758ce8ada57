#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
// cmark-gfm's own entity decoder (exported, header installed by Debian): the parser reads a text
// node against its spelling in the note, and `&eacute;` must decode exactly as cmark decoded it.
#include <cmark-gfm/houdini.h>
