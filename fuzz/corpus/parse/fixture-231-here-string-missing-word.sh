cat <<<
