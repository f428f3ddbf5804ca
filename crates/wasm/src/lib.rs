//! `vbash-wasm`: the WebAssembly build of vbash for Cloudflare Workers and Node.
//!
//! It will hold the wasm-bindgen exports (`Bash`, `InMemoryFs`, the Flue `SandboxFactory`), the
//! ESM glue and the npm package. It is empty until the Workers issue lands.
