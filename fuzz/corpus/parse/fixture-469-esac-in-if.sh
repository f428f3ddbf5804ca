if true; then esac
