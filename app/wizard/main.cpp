#include "wizard/wizardapp.h"

int main(int argc, char **argv) {
    return signup::runWizardApplication(argc, argv);
}
