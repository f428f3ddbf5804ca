//! `vbash-vfs`: the virtual filesystem that vbash scripts see.
//!
//! This crate will hold one small async `FileSystem` trait with absolute, normalized byte paths,
//! and its backends: `MemFs`, `OverlayFs`, `MountFs`, `ReadOnlyFs`, `ObjectStoreFs` (over any
//! `object_store::ObjectStore`) and a native-only `HostFs`. It is empty until the filesystem
//! issue lands; nothing here is a stand-in.
