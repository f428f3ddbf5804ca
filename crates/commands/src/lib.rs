//! `vbash-commands`: the programs a vbash script can call, reimplemented in-process.
//!
//! One module per family (coreutils, grep/rg, find, sed, awk, jq, archives), each reached by the
//! engine only through its `Command` trait. It is empty until the commands issues land; nothing
//! here is a stand-in.
