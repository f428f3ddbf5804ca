//! Executable scripts of the virtual filesystem run as commands, by path or through `$PATH`.

use std::sync::Arc;

use vbash_engine::{ExecOptions, Shell};
use vbash_vfs::{FileSystem, MemFs, VfsPath};

fn shell_with(files: &[(&str, &str, u32)]) -> Shell {
    let fs = MemFs::new();
    futures::executor::block_on(async {
        fs.create_dir_all(&VfsPath::new("/home/user").unwrap())
            .await
            .unwrap();
        for (path, text, mode) in files {
            fs.insert_file(path, text.to_string()).unwrap();
            fs.set_mode(&VfsPath::new(path).unwrap(), *mode)
                .await
                .unwrap();
        }
    });
    Shell::builder(Arc::new(fs))
        .env("PATH", "/home/user/bin:/usr/bin:/bin")
        .build()
}

fn run(shell: &Shell, script: &str) -> (String, String, i32) {
    let r = futures::executor::block_on(shell.exec_with(script.as_bytes(), ExecOptions::default()));
    (
        String::from_utf8_lossy(&r.stdout).into_owned(),
        String::from_utf8_lossy(&r.stderr).into_owned(),
        r.exit_code,
    )
}

#[test]
fn executable_files_run_by_path_and_through_path() {
    let sh = shell_with(&[
        (
            "/home/user/bin/hello",
            "#!/bin/bash\necho \"hello $1 from $0\"\nexit 3\n",
            0o755,
        ),
        (
            "/home/user/run.sh",
            "#!/usr/bin/env bash\nx=inner\necho \"run $# $x\"\n",
            0o755,
        ),
        ("/home/user/data.sh", "echo never\n", 0o644),
        (
            "/home/user/tool.py",
            "#!/usr/bin/python3\nprint(1)\n",
            0o755,
        ),
    ]);
    assert_eq!(
        run(&sh, "hello world; echo \"status $?\""),
        (
            "hello world from hello\nstatus 3\n".into(),
            String::new(),
            0
        )
    );
    assert_eq!(
        run(&sh, "x=outer; ./run.sh a b; echo $x"),
        ("run 2 inner\nouter\n".into(), String::new(), 0)
    );
    let (out, err, _) = run(&sh, "./data.sh; echo $?");
    assert_eq!(out, "126\n");
    assert_eq!(err, "bash: line 1: ./data.sh: Permission denied\n");
    let (out, err, _) = run(&sh, "./tool.py; echo $?");
    assert_eq!(out, "127\n");
    assert!(err.contains("cannot execute"), "{err}");
}
