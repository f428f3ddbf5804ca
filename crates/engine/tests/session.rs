//! Fresh shells per `exec`, persistent ones per `Session`.

use std::sync::Arc;

use vbash_engine::{ExecOptions, Shell};
use vbash_vfs::{FileSystem, MemFs, VfsPath};

fn shell() -> Shell {
    let fs = MemFs::new();
    futures::executor::block_on(async {
        for d in ["/home/user", "/tmp"] {
            fs.create_dir_all(&VfsPath::new(d).unwrap()).await.unwrap();
        }
    });
    Shell::builder(Arc::new(fs)).build()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn each_exec_is_a_fresh_shell_over_the_same_files() {
    let sh = shell();
    let run = |s: &str| futures::executor::block_on(sh.exec(s.as_bytes()));
    run("x=1; f() { :; }; cd /tmp; echo data > /tmp/file; set -e");
    let r = run(
        "echo \"[${x-unset}] $(type -t f || echo nofunc) $PWD $(< /tmp/file)\"; false; echo still",
    );
    assert_eq!(text(&r.stdout), "[unset] nofunc /home/user data\nstill\n");
}

#[test]
fn a_session_keeps_variables_functions_options_and_cwd() {
    let sh = shell();
    let mut session = sh.session();
    futures::executor::block_on(async {
        session
            .exec(b"x=1; f() { echo \"f:$1\"; }; cd /tmp; shopt -s extglob")
            .await;
        let r = session
            .exec(b"f $x; pwd; [[ abc == @(abc|x) ]] && echo ext")
            .await;
        assert_eq!(text(&r.stdout), "f:1\n/tmp\next\n");
        // `exit` ends the execution, not the session.
        let r = session.exec(b"x=2; exit 3; echo never").await;
        assert_eq!(r.exit_code, 3);
        let r = session.exec(b"echo $x $?").await;
        assert_eq!(text(&r.stdout), "2 3\n");
        let r = session
            .exec_with(
                b"echo $PWD $Y",
                ExecOptions {
                    cwd: Some(b"/".to_vec()),
                    env: vec![(b"Y".to_vec(), b"why".to_vec())],
                    ..ExecOptions::default()
                },
            )
            .await;
        assert_eq!(text(&r.stdout), "/ why\n");
        assert_eq!(session.cwd().as_bytes(), b"/");
    });
}
