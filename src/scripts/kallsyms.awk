# Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle.
NF == 3 && $1 ~ /^[0-9a-f]+$/ {
        if ($3 == "_text") text = $1 ""
        else if ($3 == "_etext") etext = $1 ""
        else if ($2 ~ /^[tTwW]$/ && $1 "" != last) {
                addr[n] = $1 ""; name[n] = $3; last = $1 ""; n++
        }
}
END {
        print "\t.section .kallsyms, \"a\""
        print "\t.balign 8"
        print "\t.globl kallsyms, kallsyms_num"
        m = 0
        for (i = 0; i < n; i++)
                if (text != "" && addr[i] >= text && addr[i] < etext)
                        keep[m++] = i
        print "kallsyms_num:\t.quad " m
        print "kallsyms:"
        for (j = 0; j < m; j++)
                printf "\t.quad 0x%s, .Lname%d\n", addr[keep[j]], j
        printf "\t.quad 0x%s, 0\n", (etext != "" ? etext : "0")
        for (j = 0; j < m; j++)
                printf ".Lname%d:\t.asciz \"%s\"\n", j, name[keep[j]]
}
