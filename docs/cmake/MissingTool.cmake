# The docs_qdoc test where the documentation tools are missing: fail and say what to install.
message(FATAL_ERROR "${MESSAGE}")
